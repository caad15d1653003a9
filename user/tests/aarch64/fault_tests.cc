// THREADS, FPU and FAULT on aarch64: the 36-word register set in seL4_UserContext order with the
// SPSR sanitised (seL4's sanitiseRegister), its frame and general halves, each thread's own
// FP/SIMD registers (and a disabled FPU), brk, and the UnknownSyscall and VM fault messages.
#include "thread_helpers.h"

using namespace keel;

namespace {

ThreadStack stacks[4];
volatile seL4_Word shared[2];
seL4_CPtr thread_caps[1];
constexpr unsigned context_words = 36;

void parked() { park(); }

seL4_Word* words(seL4_UserContext& c) { return reinterpret_cast<seL4_Word*>(&c); }

}  // namespace

KEEL_TEST(THREADS0012, "aarch64: ReadRegisters returns the 36 words WriteRegisters wrote, SPSR sanitised to NZCV, EL0t, FIQs masked; counts are checked") {
    seL4_CPtr t = spawn_thread(parked, stacks[0], 10, false);
    KEEL_CHECK(t != 0);
    seL4_UserContext in = {};
    for (unsigned i = 0; i < context_words; i++) words(in)[i] = 0x1000 + i;
    in.pc = 0x1003;                 // not aligned: kept as written (the thread would fault)
    in.spsr = ~seL4_Word{0};        // EL1h, every mask, every flag
    in.tpidr_el0 = ~seL4_Word{0};   // any value is a thread pointer
    KEEL_CHECK_EQ(seL4_TCB_WriteRegisters(t, 0, 0, context_words, &in), seL4_NoError);
    seL4_UserContext out = {};
    KEEL_CHECK_EQ(seL4_TCB_ReadRegisters(t, 0, 0, context_words, &out), seL4_NoError);
    in.spsr = 0xf0000040;
    for (unsigned i = 0; i < context_words; i++) KEEL_CHECK_EQ(words(out)[i], words(in)[i]);
    KEEL_CHECK_EQ(seL4_TCB_ReadRegisters(t, 0, 0, 0, &out), seL4_RangeError);
    KEEL_CHECK_EQ(seL4_GetMR(0), 1);
    KEEL_CHECK_EQ(seL4_GetMR(1), context_words);
    KEEL_CHECK_EQ(seL4_TCB_ReadRegisters(t, 0, 0, context_words + 1, &out), seL4_RangeError);
    KEEL_CHECK_EQ(seL4_TCB_ReadRegisters(seL4_CapInitThreadTCB, 0, 0, 1, &out), seL4_IllegalOperation);
    KEEL_CHECK_EQ(seL4_TCB_WriteRegisters(t, 0, 0, context_words + 1, &in), seL4_TruncatedMessage);
}

KEEL_TEST(THREADS0013, "aarch64: CopyRegisters copies the frame registers (pc, sp, spsr, x0-x8, x16-x18, x29, x30), the others (x9-x15, x19-x28, tpidr_el0, tpidrro_el0), or both") {
    seL4_CPtr src = spawn_thread(parked, stacks[1], 10, false);
    seL4_CPtr dst = spawn_thread(parked, stacks[2], 10, false);
    seL4_UserContext in = {};
    in.pc = 0x4000;
    in.x30 = 0x300;
    in.x8 = 0x8;
    in.x9 = 0x9;
    in.x28 = 0x28;
    in.tpidr_el0 = 0xf5;
    KEEL_CHECK_EQ(seL4_TCB_WriteRegisters(src, 0, 0, context_words, &in), seL4_NoError);
    seL4_UserContext zero = {};
    KEEL_CHECK_EQ(seL4_TCB_WriteRegisters(dst, 0, 0, context_words, &zero), seL4_NoError);
    KEEL_CHECK_EQ(seL4_TCB_CopyRegisters(dst, src, 0, 0, 1, 0, 0), seL4_NoError);  // frame registers only
    seL4_UserContext out = {};
    KEEL_CHECK_EQ(seL4_TCB_ReadRegisters(dst, 0, 0, context_words, &out), seL4_NoError);
    KEEL_CHECK_EQ(out.pc, 0x4000);
    KEEL_CHECK_EQ(out.x30, 0x300);
    KEEL_CHECK_EQ(out.x8, 0x8);
    KEEL_CHECK_EQ(out.x9, 0);
    KEEL_CHECK_EQ(out.tpidr_el0, 0);
    KEEL_CHECK_EQ(seL4_TCB_CopyRegisters(dst, src, 0, 0, 0, 1, 0), seL4_NoError);  // the others
    KEEL_CHECK_EQ(seL4_TCB_ReadRegisters(dst, 0, 0, context_words, &out), seL4_NoError);
    KEEL_CHECK_EQ(out.x9, 0x9);
    KEEL_CHECK_EQ(out.x28, 0x28);
    KEEL_CHECK_EQ(out.tpidr_el0, 0xf5);
    KEEL_CHECK_EQ(seL4_TCB_CopyRegisters(dst, seL4_CapInitThreadCNode, 0, 0, 1, 1, 0), seL4_InvalidCapability);
    KEEL_CHECK_EQ(seL4_GetMR(0), 1);
}

// TCB_SetTLSBase writes TPIDR_EL0, the last but one word, and nothing else.
KEEL_TEST(THREADS0016, "aarch64: TCB_SetTLSBase writes tpidr_el0 (seL4's TLS_BASE) and no other register") {
    seL4_CPtr t = spawn_thread(parked, stacks[0], 10, false);
    KEEL_CHECK(t != 0);
    seL4_UserContext in = {};
    for (unsigned i = 0; i < context_words; i++) words(in)[i] = 0x2000 + i;
    in.spsr = 0x40;
    KEEL_CHECK_EQ(seL4_TCB_WriteRegisters(t, 0, 0, context_words, &in), seL4_NoError);
    KEEL_CHECK_EQ(seL4_TCB_SetTLSBase(t, 0x5a5a5000), seL4_NoError);
    seL4_UserContext out = {};
    KEEL_CHECK_EQ(seL4_TCB_ReadRegisters(t, 0, 0, context_words, &out), seL4_NoError);
    in.tpidr_el0 = 0x5a5a5000;
    for (unsigned i = 0; i < context_words; i++) KEEL_CHECK_EQ(words(out)[i], words(in)[i]);
}

namespace {
volatile seL4_Word fpu_seen;
void fpu_body() {
    double x = 1.5;
    asm volatile("fmov d3, %0" ::"r"(0x1111111111111111ul) : "v3");
    seL4_Yield();
    seL4_Word seen;
    asm volatile("fmov %0, d3" : "=r"(seen));
    fpu_seen = seen;
    x = x * 3.0;
    shared[1] = static_cast<seL4_Word>(x * 2);
    exit_thread(thread_caps[0]);
}
}  // namespace

KEEL_TEST(FPU0003, "aarch64: each thread keeps its own FP/SIMD registers across switches") {
    shared[1] = 0;
    fpu_seen = 0;
    thread_caps[0] = spawn_thread(fpu_body, stacks[3], seL4_MaxPrio, true);
    KEEL_CHECK(thread_caps[0] != 0);
    seL4_Yield();  // the thread loads d3 and yields back
    asm volatile("fmov d3, %0" ::"r"(0x2222222222222222ul) : "v3");
    seL4_Yield();  // the thread reads d3 and exits
    seL4_Word mine;
    asm volatile("fmov %0, d3" : "=r"(mine));
    KEEL_CHECK_EQ(fpu_seen, 0x1111111111111111ul);
    KEEL_CHECK_EQ(mine, 0x2222222222222222ul);
    KEEL_CHECK_EQ(shared[1], 9);
}

namespace {
void touch_fpu() {
    asm volatile("fmov d1, xzr" ::: "v1");
    park();
}
}  // namespace

KEEL_TEST(THREADS0014, "aarch64: TCB_SetFlags: a thread with seL4_TCBFlag_fpuDisabled faults on its first FP instruction (user exception, ESR EC 0x7)") {
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr t = alloc_object(seL4_TCBObject, 0);
    KEEL_CHECK_EQ(keel_configure_thread(t, ep, seL4_CapInitThreadVSpace, 0, 0, 150), seL4_NoError);
    seL4_TCB_SetFlags_t r = seL4_TCB_SetFlags(t, 0, seL4_TCBFlag_fpuDisabled | 0x100);
    KEEL_CHECK_EQ(r.error, seL4_NoError);
    KEEL_CHECK_EQ(r.flags, seL4_TCBFlag_fpuDisabled);  // unknown flags are dropped
    KEEL_CHECK_EQ(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 100), seL4_NoError);
    seL4_UserContext regs = {};
    regs.pc = reinterpret_cast<seL4_Word>(touch_fpu);
    regs.sp = stacks[2].top();
    KEEL_CHECK_EQ(seL4_TCB_WriteRegisters(t, 1, 0, context_words, &regs), seL4_NoError);
    seL4_Word badge;
    seL4_MessageInfo_t info = keel_nb_recv(ep, &badge);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_UserException);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_length(info), seL4_UserException_Length);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_UserException_Number) >> 26, 0x7);  // ESR: FP/SIMD access trapped
    KEEL_CHECK_EQ(seL4_GetMR(seL4_UserException_Code), 0);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_UserException_SPSR), 0x40);  // EL0t, FIQs masked
    seL4_Word ip = seL4_GetMR(seL4_UserException_FaultIP);
    KEEL_CHECK(ip >= reinterpret_cast<seL4_Word>(touch_fpu) && ip < reinterpret_cast<seL4_Word>(touch_fpu) + 16);
    KEEL_CHECK_EQ(*reinterpret_cast<const seL4_Uint32*>(ip), 0x9e6703e1);  // the fmov d1, xzr itself
    KEEL_CHECK_EQ(seL4_TCB_SetFlags(t, seL4_TCBFlag_fpuDisabled, 0).flags, 0);
    keel_reply(seL4_MessageInfo_new(0, 0, 0, 0));  // retry the instruction, now with the FPU
    seL4_Yield();
    seL4_UserContext out = {};
    KEEL_CHECK_EQ(seL4_TCB_ReadRegisters(t, 1, 0, 1, &out), seL4_NoError);
    KEEL_CHECK(out.pc != ip);  // past it, parked
    asm volatile("fmov d2, xzr" ::: "v2");  // and the root task's FPU still works
}

namespace {
volatile seL4_Word after_breakpoint;
void breakpoint() {
    asm volatile("brk #0x2a" ::: "memory");
    after_breakpoint = 1;
    park();
}
}  // namespace

KEEL_TEST(FAULT0006, "aarch64: brk is a user exception with ESR_EL1 (EC 0x3c, the immediate) at the brk itself; a reply past it, SPSR sanitised, resumes the thread") {
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    after_breakpoint = 0;
    KEEL_CHECK_EQ(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 100), seL4_NoError);
    seL4_CPtr t = spawn_thread(breakpoint, stacks[3], 150, true, ep);  // faults at once
    seL4_Word badge;
    seL4_MessageInfo_t info = keel_nb_recv(ep, &badge);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_UserException);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_length(info), seL4_UserException_Length);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_UserException_Number), 0xf200002aul);  // EC 0x3c, IL, imm 0x2a
    KEEL_CHECK_EQ(seL4_GetMR(seL4_UserException_Code), 0);
    seL4_Word ip = seL4_GetMR(seL4_UserException_FaultIP);
    KEEL_CHECK(ip >= reinterpret_cast<seL4_Word>(breakpoint) && ip < reinterpret_cast<seL4_Word>(breakpoint) + 16);
    KEEL_CHECK_EQ(*reinterpret_cast<const seL4_Uint32*>(ip), 0xd4200540);  // the brk #0x2a
    KEEL_CHECK_EQ(after_breakpoint, 0);
    seL4_SetMR(seL4_UserException_FaultIP, ip + 4);
    seL4_SetMR(seL4_UserException_SPSR, 0x3c5);  // EL1h, masked: sanitised back to EL0t
    keel_reply(seL4_MessageInfo_new(0, 0, 0, 3));
    seL4_Yield();
    KEEL_CHECK_EQ(after_breakpoint, 1);
    seL4_UserContext out = {};
    KEEL_CHECK_EQ(seL4_TCB_ReadRegisters(t, 1, 0, 3, &out), seL4_NoError);
    KEEL_CHECK_EQ(out.spsr & 0x3ff, 0x40);
}

namespace {
volatile seL4_Word after_syscall;
// An unknown system call with x0-x7 set to known values (x7 the number).
void unknown_syscall() {
    asm volatile("mov x0, #0x10\n mov x1, #0x11\n mov x2, #0x12\n mov x3, #0x13\n mov x4, #0x14\n mov x5, #0x15\n"
                 "mov x6, #0x16\n mov x7, #-77\n svc #0"
                 ::: "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "memory");
    after_syscall = 1;
    park();
}
}  // namespace

KEEL_TEST(FAULT0008, "aarch64: an unknown system call's message is X0-X7, FaultIP (the svc), SP, LR (NextIP), SPSR and the number; a reply rewrites them") {
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    after_syscall = 0;
    KEEL_CHECK_EQ(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 100), seL4_NoError);
    seL4_CPtr t = spawn_thread(unknown_syscall, stacks[1], 150, true, ep);
    seL4_Word badge;
    seL4_MessageInfo_t info = keel_nb_recv(ep, &badge);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_UnknownSyscall);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_length(info), seL4_UnknownSyscall_Length);
    for (unsigned i = 0; i < 7; i++) KEEL_CHECK_EQ(seL4_GetMR(seL4_UnknownSyscall_X0 + i), 0x10 + i);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_UnknownSyscall_X7), static_cast<seL4_Word>(-77));
    KEEL_CHECK_EQ(seL4_GetMR(seL4_UnknownSyscall_Syscall), static_cast<seL4_Word>(-77));
    seL4_Word ip = seL4_GetMR(seL4_UnknownSyscall_FaultIP);
    KEEL_CHECK_EQ(*reinterpret_cast<const seL4_Uint32*>(ip), 0xd4000001);  // the svc #0
    KEEL_CHECK_EQ(seL4_GetMR(seL4_UnknownSyscall_LR), ip + 4);  // seL4's LR slot is NextIP (ELR_EL1)
    KEEL_CHECK_EQ(seL4_GetMR(seL4_UnknownSyscall_SPSR), 0x40);
    KEEL_CHECK(seL4_GetMR(seL4_UnknownSyscall_SP) <= stacks[1].top());
    seL4_SetMR(seL4_UnknownSyscall_FaultIP, ip + 4);  // past the svc
    seL4_SetMR(seL4_UnknownSyscall_X0, 0xabc);
    keel_reply(seL4_MessageInfo_new(0, 0, 0, seL4_UnknownSyscall_Length - 1));
    seL4_Yield();
    KEEL_CHECK_EQ(after_syscall, 1);
    KEEL_CHECK_EQ(seL4_TCB_Suspend(t), seL4_NoError);
}

namespace {
void fetch_from_unmapped() {
    reinterpret_cast<void (*)()>(0x10000000ul)();
}
}  // namespace

KEEL_TEST(PAGEFAULT0002, "aarch64: a fetch from an unmapped page is a VM fault at the pc with ESR_EL1 (EC 0x20, translation fault) and PrefetchFault set") {
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    KEEL_CHECK_EQ(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 100), seL4_NoError);
    seL4_CPtr t = spawn_thread(fetch_from_unmapped, stacks[2], 150, true, ep);
    seL4_Word badge;
    seL4_MessageInfo_t info = keel_nb_recv(ep, &badge);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_VMFault);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_VMFault_IP), 0x10000000ul);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_VMFault_Addr), 0x10000000ul);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_VMFault_PrefetchFault), 1);
    seL4_Word fsr = seL4_GetMR(seL4_VMFault_FSR);
    KEEL_CHECK_EQ(fsr >> 26, 0x20);
    KEEL_CHECK_EQ(fsr & 0x3c, 0x04);  // IFSC: a translation fault
    KEEL_CHECK_EQ(seL4_TCB_Suspend(t), seL4_NoError);
}
