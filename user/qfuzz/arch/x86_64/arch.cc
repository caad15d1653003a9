// The QEMU fuzzer's x86_64 parts: the paging, ASID, IRQ and I/O port invocations, and the
// exceptions, privileged instructions and segment loads of the workers.
#include "../../../tests/cspace_helpers.h"
#include "../../qfuzz.h"
#include "qfuzz_arch.h"

extern "C" char qfuzz_int_table[];  // 256 entries of 4 bytes: int $N; ret

asm(R"(
    .text
    .balign 16
    .global qfuzz_int_table
qfuzz_int_table:
    .irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
    .irp m, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
    .balign 4
    int $(\n * 16 + \m)
    ret
    .endr
    .endr
)");

namespace qfuzz::arch {
namespace {

using keel::root;

const Shape frame_ops[] = {{X86PageMap, "arA", "V"}, {X86PageUnmap, "", ""}, {X86PageGetAddress, "", ""}};
const Shape pt_ops[] = {{X86PageTableMap, "aA", "V"}, {X86PageTableUnmap, "", ""}};
const Shape pd_ops[] = {{X86PageDirectoryMap, "aA", "V"}, {X86PageDirectoryUnmap, "", ""}};
const Shape pdpt_ops[] = {{X86PDPTMap, "aA", "V"}, {X86PDPTUnmap, "", ""}};
const Shape asid_pool_ops[] = {{X86ASIDPoolAssign, "", "V"}};
const Shape io_port_ops[] = {{X86IOPortIn8, "P", ""},  {X86IOPortIn16, "P", ""},  {X86IOPortIn32, "P", ""},
                             {X86IOPortOut8, "Pw", ""}, {X86IOPortOut16, "Pw", ""}, {X86IOPortOut32, "Pw", ""}};

// The ports an IOPort cap may ever cover: COM2 (a null device in the runner) and the POST port.
// Never the console, the exit device (0xf4) or the keyboard controller's reset line.
const seL4_Word safe_port_ranges[][2] = {{0x2f8, 0x2ff}, {0x80, 0x80}, {0x2fa, 0x2fb}, {0x300, 0x2f8}};

struct Paging {
    seL4_Word type, count;
};
const Paging paging_objects[] = {{seL4_X86_4K, 8}, {seL4_X86_LargePageObject, 1}, {seL4_X86_PageTableObject, 3},
                                 {seL4_X86_PageDirectoryObject, 2}, {seL4_X86_PDPTObject, 1}, {seL4_X64_PML4Object, 2}};

void privileged_instruction(seL4_Word which, seL4_Word a) {
    switch (which % 6) {
    case 0: asm volatile("hlt"); break;
    case 1: asm volatile("cli"); break;
    case 2: asm volatile("mov %0, %%cr3" ::"r"(a)); break;
    case 3: asm volatile("wrmsr" ::"c"(a), "a"(0), "d"(0)); break;
    case 4: asm volatile("inb %%dx, %%al" ::"d"(a) : "rax"); break;
    default: asm volatile("outb %%al, %%dx" ::"d"(a), "a"(0)); break;
    }
}

// Segment registers as an attacker sets them: any selector into DS, FS, GS or SS, or a far
// return to any code selector followed by `syscall` (which, from a 32-bit code segment, would
// enter the kernel through CSTAR: seL4's GDT has none, and neither has Keel's).
// Mostly the GDT's own selectors (0x00-0x4b, any RPL), sometimes anything.
seL4_Word rng_selector(seL4_Word a) { return (a & 0x100) ? a : a & 0x4f; }

void segment_selector(seL4_Word which, seL4_Word a) {
    auto selector = static_cast<unsigned short>(a);
    switch (which % 5) {
    case 0: asm volatile("mov %0, %%ds" ::"r"(selector)); break;
    case 1: asm volatile("mov %0, %%fs" ::"r"(selector)); break;
    case 2: asm volatile("mov %0, %%gs" ::"r"(selector)); break;
    case 3: asm volatile("mov %0, %%ss" ::"r"(selector)); break;
    default:
        asm volatile("push %q0\n\tlea 1f(%%rip), %%rax\n\tpush %%rax\n\tlretq\n1:\tsyscall"
                     ::"r"(seL4_Word{selector}) : "rax", "rcx", "r11", "memory");
        break;
    }
}

}  // namespace

const Shape* shapes_for(seL4_Word tag, unsigned* n) {
    switch (tag) {
    case keel::tag_frame: return shapes_of(frame_ops, n);
    case keel::tag_page_table: return shapes_of(pt_ops, n);
    case keel::tag_page_directory: return shapes_of(pd_ops, n);
    case keel::tag_pdpt: return shapes_of(pdpt_ops, n);
    case keel::tag_asid_pool: return shapes_of(asid_pool_ops, n);
    case 19: return shapes_of(io_port_ops, n);  // io_port
    default: return nullptr;
    }
}

seL4_Word word_for(char) { return rng.chance(70) ? 0x2f8 + rng.below(8) : rng.below(0x10000); }

seL4_Word interesting_address() {
    const seL4_Word words[] = {0, 1, 2, 3, 4, 12, 63, 64, 255, 4096, 0xffffffff, ~seL4_Word{0}, ~seL4_Word{0} - 1,
                               0x7ffffffff000, 0x7fffffffffff, seL4_Word{1} << 47, 0xffff800000000000,
                               0xffffff8000000000, 0xffffffff80000000, seL4_Word{1} << 63};
    return rng.pick(words);
}

const unsigned control_kinds = 3;

void invoke_control(unsigned which, seL4_CPtr dest, seL4_Word depth) {
    switch (which) {
    case 0:
        seL4_IRQControl_GetIOAPIC(seL4_CapIRQControl, root, dest, depth, rng.chance(90) ? 0 : rng.below(3),
                                  rng.chance(90) ? rng.below(24) : rng.below(300), rng.below(2), rng.below(2),
                                  rng.chance(90) ? rng.below(110) : rng.below(300));
        break;
    case 1: {
        const seL4_Word* range = safe_port_ranges[rng.below(4)];
        seL4_X86_IOPortControl_Issue(seL4_CapIOPortControl, range[0], range[1], root, dest, depth);
        break;
    }
    default: seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, supply_slot(), root, dest, depth); break;
    }
}

seL4_CPtr refill_paging(seL4_CPtr next) {
    for (const Paging& p : paging_objects) {
        for (seL4_Word i = 0; i < p.count; i++, next++) seL4_Untyped_Retype(infra.pool, p.type, 0, root, 0, 0, next, 1);
    }
    return next;
}

seL4_CPtr refill_controls(seL4_CPtr next) {
    seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, supply_base + 1, root, next++, 64);  // a 4 KiB untyped
    seL4_X86_IOPortControl_Issue(seL4_CapIOPortControl, 0x2f8, 0x2ff, root, next++, 64);
    seL4_IRQControl_GetIOAPIC(seL4_CapIRQControl, root, next++, 64, 0, 3 + rng.below(20), 0, 0, rng.below(100));
    return next;
}

seL4_Error make_asid_pool(seL4_CPtr untyped, seL4_CPtr dest) {
    return seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, untyped, root, dest, 64);
}

seL4_Error assign_asid(seL4_CPtr pool, seL4_CPtr vspace) { return seL4_X86_ASIDPool_Assign(pool, vspace); }

void raise(seL4_Word kind, seL4_Word a, seL4_Word b) {
    switch (kind) {
    case breakpoint: asm volatile("int3"); break;
    case soft_interrupt: reinterpret_cast<void (*)()>(qfuzz_int_table + 4 * (a & 255))(); break;
    case undefined: asm volatile("ud2"); break;
    case divide: asm volatile("xor %%edx, %%edx; div %%rcx" ::"a"(a), "c"(0) : "rdx"); break;
    case privileged: privileged_instruction(b, a); break;
    case std_then_load: asm volatile("std; mov (%0), %%rax; cld" ::"r"(a) : "rax", "memory"); break;
    case segment: segment_selector(b, rng_selector(a)); break;
    default: break;
    }
}

// sys in RDX, then RDI, RSI, R10, R8, R9, R15.
void raw_syscall(seL4_Word sys, seL4_Word rdi, seL4_Word rsi, seL4_Word r10v, seL4_Word r8v) {
    register seL4_Word r10 asm("r10") = r10v, r8 asm("r8") = r8v, r9 asm("r9") = r8v ^ r10v, r15 asm("r15") = rsi;
    asm volatile("movq %%rsp, %%rbx\n\tsyscall\n\tmovq %%rbx, %%rsp"
                 : "+D"(rdi), "+S"(rsi), "+r"(r10), "+r"(r8), "+r"(r9), "+r"(r15)
                 : "d"(sys)
                 : "rbx", "rcx", "r11", "memory");
}

void raw_yield() { x64_sys_null(seL4_SysYield); }

// RSP as if `call` had pushed a return address; interrupts on.
seL4_UserContext fresh_registers(seL4_Word pc, seL4_Word stack_top) {
    seL4_UserContext regs = {};
    regs.rip = pc;
    regs.rsp = stack_top - 8;
    regs.rflags = 0x202;
    return regs;
}

bool skip_syscall(seL4_UserContext& regs) {
    const unsigned char* ip = reinterpret_cast<const unsigned char*>(regs.rip);
    if (ip[0] != 0x0f || ip[1] != 0x05) return false;
    regs.rip += 2;
    return true;
}

seL4_Word restart_reply(seL4_Word label, const seL4_UserContext& regs, Rng& r) {
    if (label == seL4_Fault_UserException) {
        seL4_SetMR(seL4_UserException_FaultIP, regs.rip);
        seL4_SetMR(seL4_UserException_SP, regs.rsp);
        seL4_SetMR(seL4_UserException_FLAGS, regs.rflags);
        return 3;
    }
    if (label == seL4_Fault_UnknownSyscall) {
        for (unsigned i = 0; i < seL4_UnknownSyscall_Syscall; i++) seL4_SetMR(i, r.below(2) ? 0 : register_word());
        seL4_SetMR(seL4_UnknownSyscall_FaultIP, regs.rip);
        seL4_SetMR(seL4_UnknownSyscall_SP, regs.rsp);
        seL4_SetMR(seL4_UnknownSyscall_FLAGS, regs.rflags);
        return seL4_UnknownSyscall_Syscall;
    }
    return 0;
}

seL4_Word fault_address(Rng& r) {
    const seL4_Word kernel[] = {0, 8, 0xffffff8000100000, 0xffffffff80100000, seL4_Word{1} << 47,
                                0x7ffffffff000, 0x7ffffffffff8, 0xfffffffffffff000};
    return r.chance(50) ? r.pick(kernel) : interesting_word();
}

}  // namespace qfuzz::arch
