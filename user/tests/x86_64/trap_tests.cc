// FAULT, SYSCALL, INTERRUPT: how x86_64 traps from user mode reach a thread's fault handler, as
// seL4 16.0.0's IDT and c_handle_interrupt deliver them.
#include "thread_helpers.h"
#include <keel/process.h>

using namespace keel;

// Thread bodies whose instruction addresses the tests know: each ends in a fault.
extern "C" char trap_int3[], trap_int3_after[], trap_int_200[], trap_int_200_at[], trap_int_158[], trap_int_157[],
    trap_int_80[], trap_spurious[], trap_spurious_after[], trap_std[], trap_gs[], trap_nmi_raise[], trap_nmi_spin[];
extern "C" char trap_lret32[], trap_lret32_at[], trap_selectors[], trap_selectors_end[], trap_x87_div0[],
    trap_x87_div0_wait[], trap_ldt[], trap_ldt_at[];
extern "C" volatile seL4_Word trap_gs_seen, trap_ss_seen, trap_cs_seen;
volatile seL4_Word trap_gs_seen, trap_ss_seen, trap_cs_seen;
asm(R"(
    .text
    .global trap_int3, trap_int3_after, trap_int_200, trap_int_200_at, trap_int_158, trap_int_157, trap_int_80
    .global trap_spurious, trap_spurious_after, trap_std, trap_gs, trap_nmi_raise, trap_nmi_spin
trap_int3:
    int3
trap_int3_after:
    ud2
trap_int_200:
    mov $0x12345678, %eax
trap_int_200_at:
    int $200
    ud2
trap_int_158:
    xor %eax, %eax
    int $158
    ud2
trap_int_157:
    int $157
    ud2
trap_int_80:
    int $0x80
    ud2
trap_spurious:
    int $0xff
trap_spurious_after:
    ud2
trap_std:
    std
    ud2
trap_gs:
    mov %gs:0, %rax
    mov %rax, trap_gs_seen(%rip)
    ud2
    .global trap_lret32, trap_lret32_at, trap_selectors, trap_selectors_end, trap_ldt, trap_ldt_at
trap_ldt: /* selector 7: LDT entry 0, RPL 3 */
    mov $7, %eax
trap_ldt_at:
    mov %eax, %ds
    ud2
    .global trap_x87_div0, trap_x87_div0_wait
trap_lret32: /* a far return to selector 0x1b: a 32-bit user code segment, if there were one */
    pushq $0x1b
    lea 1f(%rip), %rax
    push %rax
trap_lret32_at:
    lretq
1:  ud2
trap_selectors:
    mov %ss, %rax
    mov %rax, trap_ss_seen(%rip)
    mov %cs, %rax
    mov %rax, trap_cs_seen(%rip)
    mov $0x3b, %eax /* seL4's SEL_FS and SEL_GS */
    mov %eax, %fs
    mov $0x43, %eax
    mov %eax, %gs
trap_selectors_end:
    ud2
trap_x87_div0: /* 1.0 / 0.0 with the x87 divide-by-zero exception unmasked */
    sub $8, %rsp
    fnstcw (%rsp)
    andw $~4, (%rsp)
    fldcw (%rsp)
    fldz
    fld1
    fdiv %st(1), %st
trap_x87_div0_wait:
    fwait
    ud2
trap_nmi_raise: /* RBX: the edu device's interrupt-raise register; DF set for the kernel to clear */
    mov $0x5a5a, %r12
    std
    movl $1, (%rbx)
trap_nmi_spin:
    jmp trap_nmi_spin
)");

namespace {
ThreadStack trap_stack;

seL4_Word fault_label(char* body) {
    return seL4_MessageInfo_get_label(run_until_fault(reinterpret_cast<void (*)()>(body), trap_stack));
}

void expect_user_exception(char* body, seL4_Word number, seL4_Word code, const char* ip) {
    KEEL_CHECK_EQ(fault_label(body), seL4_Fault_UserException);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_UserException_Number), number);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_UserException_Code), code);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_UserException_FaultIP), reinterpret_cast<seL4_Word>(ip));
}

constexpr seL4_Word general_protection = 13, invalid_opcode = 6, breakpoint = 3, nmi = 2;

// `int $n` through a gate user code may not use: #GP at the instruction, its error code naming
// IDT entry n (bit 1; the index is n on hardware, QEMU's TCG reports 2n for 16-byte gates).
void expect_refused_gate(char* body, seL4_Word n) {
    KEEL_CHECK_EQ(fault_label(body), seL4_Fault_UserException);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_UserException_Number), general_protection);
    seL4_Word code = seL4_GetMR(seL4_UserException_Code);
    KEEL_CHECK(code == ((n << 3) | 2) || code == ((n << 4) | 2));
    KEEL_CHECK_EQ(seL4_GetMR(seL4_UserException_FaultIP), reinterpret_cast<seL4_Word>(body));
}
}  // namespace

KEEL_TEST(FAULT0003, "int3 is user exception 3 (code 0) at the instruction after it, as seL4's DPL-3 gate gives it") {
    expect_user_exception(trap_int3, breakpoint, 0, trap_int3_after);
}

KEEL_TEST(FAULT0004, "int $n from int_trap_min (158) up is an unknown syscall numbered n<<24 | EAX, at the int; below, #GP") {
    KEEL_CHECK_EQ(fault_label(trap_int_200), seL4_Fault_UnknownSyscall);
    // seL4 builds the number as an int: vector 200 in the top byte makes it negative.
    KEEL_CHECK_EQ(seL4_GetMR(seL4_UnknownSyscall_Syscall), 0xffffffffc8345678ul);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_UnknownSyscall_FaultIP), reinterpret_cast<seL4_Word>(trap_int_200_at));
    KEEL_CHECK_EQ(seL4_GetMR(seL4_UnknownSyscall_RAX), 0x12345678);
    KEEL_CHECK_EQ(fault_label(trap_int_158), seL4_Fault_UnknownSyscall);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_UnknownSyscall_Syscall), 0xffffffff9e000000ul);
    // The kernel timer's vector and the IRQ vectors are not the user's to raise.
    expect_refused_gate(trap_int_157, 157);
    expect_refused_gate(trap_int_80, 0x80);
    // The spurious vector does nothing: the thread goes on to its ud2.
    expect_user_exception(trap_spurious, invalid_opcode, 0, trap_spurious_after);
}

KEEL_TEST(FAULT0005, "a thread that sets RFLAGS.DF before faulting: the kernel is unharmed and the fault reports DF") {
    for (int i = 0; i < 3; i++) {
        expect_user_exception(trap_std, invalid_opcode, 0, trap_std + 1);
        KEEL_CHECK((seL4_GetMR(seL4_UserException_FLAGS) & (1ul << 10)) != 0);
    }
    KEEL_CHECK_EQ(fault_label(trap_int3), seL4_Fault_UserException);  // and the next one is as ever
}

KEEL_TEST(SYSCALL0009, "user segments are seL4's: CS 0x2b, SS 0x33, FS/GS 0x3b/0x43; no 32-bit code segment, no LDT") {
    trap_ss_seen = 0;
    trap_cs_seen = 0;
    expect_user_exception(trap_selectors, invalid_opcode, 0, trap_selectors_end);
    KEEL_CHECK_EQ(trap_cs_seen, 0x2b);
    KEEL_CHECK_EQ(trap_ss_seen, 0x33);
    // Selector 0x18 is the TSS (a system descriptor): loading it into CS is #GP naming it.
    expect_user_exception(trap_lret32, general_protection, 0x18, trap_lret32_at);
    // There is no LDT: a selector into it is #GP naming it (not a read at the LDT's address).
    expect_user_exception(trap_ldt, general_protection, 0x4, trap_ldt_at);
}

// (An unmasked SSE exception would be #UD as on seL4, CR4.OSXMMEXCPT being clear, but QEMU 7.2's
// TCG raises no SIMD floating-point exceptions at all: nothing to test here.)
KEEL_TEST(FPU0002, "an unmasked x87 exception is #MF (user exception 16) at the next fwait, as seL4's CR0.NE makes it") {
    constexpr seL4_Word x87_error = 16;
    expect_user_exception(trap_x87_div0, x87_error, 0, trap_x87_div0_wait);
}

KEEL_TEST(SYSCALL0008, "the GS base WriteRegisters sets is the one the thread runs with") {
    static volatile seL4_Word probe = 0x6a5e;
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 100);
    seL4_CPtr t = spawn_thread(reinterpret_cast<void (*)()>(trap_gs), trap_stack, 150, false, ep);
    KEEL_CHECK(t != 0);
    seL4_UserContext regs;
    KEEL_CHECK_EQ(seL4_TCB_ReadRegisters(t, 0, 0, 20, &regs), seL4_NoError);
    regs.gs_base = reinterpret_cast<seL4_Word>(&probe);
    trap_gs_seen = 0;
    KEEL_CHECK_EQ(seL4_TCB_WriteRegisters(t, 1, 0, 20, &regs), seL4_NoError);  // runs at once
    seL4_Word badge;
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(keel_nb_recv(ep, &badge)), seL4_Fault_UserException);
    KEEL_CHECK_EQ(trap_gs_seen, 0x6a5e);
    KEEL_CHECK_EQ(seL4_TCB_ReadRegisters(t, 0, 0, 20, &regs), seL4_NoError);
    KEEL_CHECK_EQ(regs.gs_base, reinterpret_cast<seL4_Word>(&probe));
    seL4_TCB_Suspend(t);
}

namespace {
// PCI configuration space through the ports 0xcf8-0xcff, as a user-mode driver reaches it.
struct PciConfig {
    seL4_CPtr ports;
    seL4_Word device;  // bus 0

    seL4_Word address(seL4_Word reg) const { return 0x80000000ul | (device << 11) | (reg & 0xfc); }
    seL4_Word read(seL4_Word reg) const {
        seL4_X86_IOPort_Out32(ports, 0xcf8, address(reg));
        return seL4_X86_IOPort_In32(ports, 0xcfc).result;
    }
    void write(seL4_Word reg, seL4_Word value) const {
        seL4_X86_IOPort_Out32(ports, 0xcf8, address(reg));
        seL4_X86_IOPort_Out32(ports, 0xcfc, value);
    }
    // The offset of capability `id` in the device's list, or 0.
    seL4_Word capability(seL4_Word id) const {
        for (seL4_Word at = read(0x34) & 0xfc, n = 0; at && n < 48; at = (read(at) >> 8) & 0xfc, n++) {
            if ((read(at) & 0xff) == id) return at;
        }
        return 0;
    }
};

// QEMU's `edu` device (1234:11e8), which tests/qemu/run.py adds to every machine; device 0 if absent.
PciConfig find_edu(seL4_CPtr ports) {
    for (seL4_Word dev = 0; dev < 32; dev++) {
        PciConfig c{ports, dev};
        if (c.read(0) == 0x11e81234) return c;
    }
    return {ports, 0};
}

// A 4 KiB frame of the device memory at `paddr`: the device untyped covering it, halved down.
seL4_CPtr device_frame_at(seL4_Word paddr) {
    seL4_BootInfo* bi = keel_bootinfo();
    seL4_CPtr ut = 0;
    seL4_Word base = 0, bits = 0;
    for (seL4_CPtr s = bi->untyped.start; s < bi->untyped.end; s++) {
        const seL4_UntypedDesc& d = bi->untypedList[s - bi->untyped.start];
        if (d.isDevice && paddr >= d.paddr && paddr - d.paddr < (1ul << d.sizeBits)) ut = s, base = d.paddr, bits = d.sizeBits;
    }
    for (; ut && bits > 12; bits--) {
        seL4_CPtr pair = alloc_slot();
        alloc_slot();
        if (seL4_Untyped_Retype(ut, seL4_UntypedObject, bits - 1, root, 0, 0, pair, 2) != seL4_NoError) return 0;
        bool upper = paddr >= base + (1ul << (bits - 1));
        ut = pair + upper;
        base += upper ? 1ul << (bits - 1) : 0;
    }
    seL4_CPtr frame = alloc_slot();
    return ut && seL4_Untyped_Retype(ut, seL4_X86_4K, 0, root, 0, 0, frame, 1) == seL4_NoError ? frame : 0;
}

// Points the device's MSI at the local APIC with delivery mode NMI: what any user driver with a
// PCI device may do, so the kernel must take an NMI from user mode as seL4 does.
void route_msi_as_nmi(const PciConfig& edu) {
    constexpr seL4_Word msi_capability = 5, lapic_msi_address = 0xfee00000, delivery_nmi = 4 << 8;
    seL4_Word msi = edu.capability(msi_capability);
    KEEL_CHECK(msi != 0);
    bool wide = (edu.read(msi) >> 16) & (1u << 7);  // 64-bit message address
    edu.write(msi + 4, lapic_msi_address);
    if (wide) edu.write(msi + 8, 0);
    edu.write(msi + (wide ? 12 : 8), delivery_nmi);
    edu.write(msi, edu.read(msi) | (1u << 16));  // MSI enable
    edu.write(0x04, (edu.read(0x04) & 0xffff) | 0x6);  // memory space and bus master
}
}  // namespace

KEEL_TEST(INTERRUPT0006, "an NMI taken in user mode (a driver's MSI) is user exception 2 with the thread's own registers") {
    seL4_CPtr ports = alloc_slot();
    KEEL_CHECK_EQ(seL4_X86_IOPortControl_Issue(seL4_CapIOPortControl, 0xcf8, 0xcff, root, ports, 64), seL4_NoError);
    PciConfig edu = find_edu(ports);
    KEEL_CHECK(edu.device != 0);
    if (!edu.device) return;
    seL4_Word bar = edu.read(0x10) & ~0xffful;
    seL4_CPtr frame = device_frame_at(bar);
    KEEL_CHECK(frame != 0);
    constexpr seL4_Word va = 0x38000000;
    seL4_CPtr scratch = keel_map_new_frame(seL4_CapInitThreadVSpace, va, seL4_ReadWrite);  // the page table
    KEEL_CHECK_EQ(seL4_X86_Page_Unmap(scratch), seL4_NoError);
    KEEL_CHECK_EQ(seL4_X86_Page_Map(frame, seL4_CapInitThreadVSpace, va, seL4_ReadWrite, seL4_X86_Uncacheable), seL4_NoError);
    route_msi_as_nmi(edu);

    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 100);
    seL4_CPtr t = spawn_thread(reinterpret_cast<void (*)()>(trap_nmi_raise), trap_stack, 150, false, ep);
    seL4_UserContext regs;
    KEEL_CHECK_EQ(seL4_TCB_ReadRegisters(t, 0, 0, 20, &regs), seL4_NoError);
    regs.rbx = va + 0x60;  // edu's interrupt-raise register
    KEEL_CHECK_EQ(seL4_TCB_WriteRegisters(t, 1, 0, 20, &regs), seL4_NoError);  // runs at once, until the NMI
    seL4_Word badge;
    seL4_MessageInfo_t info = keel_recv(ep, &badge);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_UserException);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_UserException_Number), nmi);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_UserException_FaultIP), reinterpret_cast<seL4_Word>(trap_nmi_spin));
    KEEL_CHECK((seL4_GetMR(seL4_UserException_FLAGS) & (1ul << 10)) != 0);  // DF, as the thread left it
    KEEL_CHECK_EQ(seL4_TCB_ReadRegisters(t, 0, 0, 20, &regs), seL4_NoError);
    KEEL_CHECK_EQ(regs.r12, 0x5a5a);
    KEEL_CHECK_EQ(regs.rbx, va + 0x60);
    KEEL_CHECK_EQ(regs.rip, reinterpret_cast<seL4_Word>(trap_nmi_spin));
    seL4_TCB_Suspend(t);
}
