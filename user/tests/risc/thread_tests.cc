// THREADS, FPU and FAULT on riscv64 and aarch64, which differ here only by registers, instructions
// and encodings (test_arch.h): the register set in seL4_UserContext order as WriteRegisters
// sanitises it, its frame and general halves, TLS_BASE, each thread's own FP registers (and a
// disabled FPU), and a breakpoint's user exception.
#include "test_arch.h"
#include "thread_helpers.h"

using namespace keel;

namespace {

ThreadStack stacks[4];
volatile seL4_Word shared[2];
seL4_CPtr thread_caps[1];
constexpr unsigned context_words = sizeof(seL4_UserContext) / sizeof(seL4_Word);

void parked() { park(); }

seL4_Word* words(seL4_UserContext& c) { return reinterpret_cast<seL4_Word*>(&c); }

// Every word of `in` sanitised as WriteRegisters does.
seL4_UserContext sanitised(seL4_UserContext in) {
    test_arch::sanitise(in);
    return in;
}

void check_same_words(seL4_UserContext& out, seL4_UserContext expected) {
    for (unsigned i = 0; i < context_words; i++) KEEL_CHECK_EQ(words(out)[i], words(expected)[i]);
}

}  // namespace

KEEL_TEST(THREADS0012, "ReadRegisters returns every word WriteRegisters wrote (seL4_UserContext order), sanitised as seL4 does; counts are checked") {
    seL4_CPtr t = spawn_thread(parked, stacks[0], 10, false);
    KEEL_CHECK(t != 0);
    seL4_UserContext in = {};
    for (unsigned i = 0; i < context_words; i++) words(in)[i] = 0x1000 + i;
    in.pc = 0x1003;                          // not aligned: kept as written (the thread would fault)
    test_arch::tls_base(in) = ~seL4_Word{0};  // any value is a thread pointer
    test_arch::ask_for_privilege(in);
    KEEL_CHECK_EQ(seL4_TCB_WriteRegisters(t, 0, 0, context_words, &in), seL4_NoError);
    seL4_UserContext out = {};
    KEEL_CHECK_EQ(seL4_TCB_ReadRegisters(t, 0, 0, context_words, &out), seL4_NoError);
    check_same_words(out, sanitised(in));
    KEEL_CHECK_EQ(seL4_TCB_ReadRegisters(t, 0, 0, 0, &out), seL4_RangeError);
    KEEL_CHECK_EQ(seL4_GetMR(0), 1);
    KEEL_CHECK_EQ(seL4_GetMR(1), context_words);
    KEEL_CHECK_EQ(seL4_TCB_ReadRegisters(t, 0, 0, context_words + 1, &out), seL4_RangeError);
    KEEL_CHECK_EQ(seL4_TCB_ReadRegisters(seL4_CapInitThreadTCB, 0, 0, 1, &out), seL4_IllegalOperation);
    KEEL_CHECK_EQ(seL4_TCB_WriteRegisters(t, 0, 0, context_words + 1, &in), seL4_TruncatedMessage);  // one more claimed than sent
}

KEEL_TEST(THREADS0013, "CopyRegisters copies the frame registers (seL4_UserContext's first n_frameRegisters), the others (the rest, TLS_BASE among them), or both") {
    seL4_CPtr src = spawn_thread(parked, stacks[1], 10, false);
    seL4_CPtr dst = spawn_thread(parked, stacks[2], 10, false);
    seL4_UserContext in = {};
    for (unsigned i = 0; i < context_words; i++) words(in)[i] = 0x4000 + i;
    KEEL_CHECK_EQ(seL4_TCB_WriteRegisters(src, 0, 0, context_words, &in), seL4_NoError);
    seL4_UserContext zero = {};
    KEEL_CHECK_EQ(seL4_TCB_WriteRegisters(dst, 0, 0, context_words, &zero), seL4_NoError);
    KEEL_CHECK_EQ(seL4_TCB_CopyRegisters(dst, src, 0, 0, 1, 0, 0), seL4_NoError);  // frame registers only
    seL4_UserContext out = {};
    KEEL_CHECK_EQ(seL4_TCB_ReadRegisters(dst, 0, 0, context_words, &out), seL4_NoError);
    seL4_UserContext expected = zero;
    for (unsigned i = 0; i < test_arch::frame_registers; i++) words(expected)[i] = words(in)[i];
    check_same_words(out, sanitised(expected));
    KEEL_CHECK_EQ(seL4_TCB_CopyRegisters(dst, src, 0, 0, 0, 1, 0), seL4_NoError);  // the others
    KEEL_CHECK_EQ(seL4_TCB_ReadRegisters(dst, 0, 0, context_words, &out), seL4_NoError);
    check_same_words(out, sanitised(in));
    KEEL_CHECK_EQ(seL4_TCB_CopyRegisters(dst, seL4_CapInitThreadCNode, 0, 0, 1, 1, 0), seL4_InvalidCapability);
    KEEL_CHECK_EQ(seL4_GetMR(0), 1);
}

// Found reading core's SetTLSBase beside qfuzz: it wrote user register frame_registers, which on
// x86_64 is the FS base but on riscv64 is a0 (tp, seL4's TLS_BASE, is the last of the 32; on
// aarch64 tpidr_el0 is the last but one of the 36).
KEEL_TEST(THREADS0016, "TCB_SetTLSBase writes seL4's TLS_BASE (tp, tpidr_el0) and no other register") {
    seL4_CPtr t = spawn_thread(parked, stacks[0], 10, false);
    KEEL_CHECK(t != 0);
    seL4_UserContext in = {};
    for (unsigned i = 0; i < context_words; i++) words(in)[i] = 0x2000 + i;
    KEEL_CHECK_EQ(seL4_TCB_WriteRegisters(t, 0, 0, context_words, &in), seL4_NoError);
    KEEL_CHECK_EQ(seL4_TCB_SetTLSBase(t, 0x5a5a5000), seL4_NoError);
    seL4_UserContext out = {};
    KEEL_CHECK_EQ(seL4_TCB_ReadRegisters(t, 0, 0, context_words, &out), seL4_NoError);
    test_arch::tls_base(in) = 0x5a5a5000;
    check_same_words(out, sanitised(in));
    seL4_CNode_Delete(root, t, 64);
}

namespace {
volatile seL4_Word fpu_seen;
void fpu_body() {
    double x = 1.5;
    test_arch::set_fp_register_3(0x1111111111111111ul);
    seL4_Yield();
    fpu_seen = test_arch::fp_register_3();
    x = x * 3.0;
    shared[1] = static_cast<seL4_Word>(x * 2);
    exit_thread(thread_caps[0]);
}
}  // namespace

KEEL_TEST(FPU0003, "each thread keeps its own FP registers (F, FP/SIMD) across switches") {
    shared[1] = 0;
    fpu_seen = 0;
    thread_caps[0] = spawn_thread(fpu_body, stacks[3], seL4_MaxPrio, true);
    KEEL_CHECK(thread_caps[0] != 0);
    seL4_Yield();  // the thread loads FP register 3 and yields back
    test_arch::set_fp_register_3(0x2222222222222222ul);
    seL4_Yield();  // the thread reads it and exits
    KEEL_CHECK_EQ(fpu_seen, 0x1111111111111111ul);
    KEEL_CHECK_EQ(test_arch::fp_register_3(), 0x2222222222222222ul);
    KEEL_CHECK_EQ(shared[1], 9);
}

namespace {
void touch_fpu() {
    test_arch::fp_instruction();
    park();
}
}  // namespace

KEEL_TEST(THREADS0014, "TCB_SetFlags: a thread with seL4_TCBFlag_fpuDisabled faults on its first FP instruction (a user exception at it: illegal instruction, ESR EC 0x7)") {
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr t = fpu_disabled_thread(ep);
    KEEL_CHECK_EQ(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 100), seL4_NoError);
    seL4_UserContext regs = {};
    regs.pc = reinterpret_cast<seL4_Word>(touch_fpu);
    regs.sp = stacks[2].top();
    KEEL_CHECK_EQ(seL4_TCB_WriteRegisters(t, 1, 0, context_words, &regs), seL4_NoError);
    seL4_Word badge;
    seL4_MessageInfo_t info = keel_nb_recv(ep, &badge);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_UserException);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_length(info), seL4_UserException_Length);
    KEEL_CHECK(test_arch::is_fpu_disabled_exception(seL4_GetMR(seL4_UserException_Number)));
    KEEL_CHECK_EQ(seL4_GetMR(seL4_UserException_Code), 0);
    KEEL_CHECK(test_arch::reports_user_level());
    seL4_Word ip = seL4_GetMR(seL4_UserException_FaultIP);
    KEEL_CHECK(ip >= reinterpret_cast<seL4_Word>(touch_fpu) && ip < reinterpret_cast<seL4_Word>(touch_fpu) + 16);
    KEEL_CHECK_EQ(*reinterpret_cast<const seL4_Uint32*>(ip), test_arch::fp_instruction_encoding);  // the instruction itself
    KEEL_CHECK_EQ(seL4_TCB_SetFlags(t, seL4_TCBFlag_fpuDisabled, 0).flags, 0);
    keel_reply(seL4_MessageInfo_new(0, 0, 0, 0));  // retry the instruction, now with the FPU
    seL4_Yield();
    seL4_UserContext out = {};
    KEEL_CHECK_EQ(seL4_TCB_ReadRegisters(t, 1, 0, 1, &out), seL4_NoError);
    KEEL_CHECK(out.pc != ip);  // past it, parked
    test_arch::set_fp_register_3(0);  // and the root task's FPU still works
}

namespace {
volatile seL4_Word after_breakpoint;
void breakpoint() {
    test_arch::breakpoint();
    after_breakpoint = 1;
    park();
}
}  // namespace

KEEL_TEST(FAULT0006, "a breakpoint (ebreak: user exception 3; brk: ESR_EL1 EC 0x3c with the immediate) is a user exception at the instruction itself; a reply past it, sanitised, resumes the thread") {
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    after_breakpoint = 0;
    KEEL_CHECK_EQ(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 100), seL4_NoError);
    seL4_CPtr t = spawn_thread(breakpoint, stacks[3], 150, true, ep);  // faults at once
    seL4_Word badge;
    seL4_MessageInfo_t info = keel_nb_recv(ep, &badge);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_UserException);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_length(info), seL4_UserException_Length);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_UserException_Number), test_arch::breakpoint_exception);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_UserException_Code), 0);
    seL4_Word ip = seL4_GetMR(seL4_UserException_FaultIP);
    KEEL_CHECK(ip >= reinterpret_cast<seL4_Word>(breakpoint) && ip < reinterpret_cast<seL4_Word>(breakpoint) + 16);
    KEEL_CHECK_EQ(*reinterpret_cast<const seL4_Uint32*>(ip), test_arch::breakpoint_encoding);
    KEEL_CHECK_EQ(after_breakpoint, 0);
    seL4_SetMR(seL4_UserException_FaultIP, ip + 4);
    test_arch::ask_for_privilege_in_reply();
    keel_reply(seL4_MessageInfo_new(0, 0, 0, seL4_UserException_Length));  // the registers it may write: FaultIP, SP (and SPSR)
    seL4_Yield();
    KEEL_CHECK_EQ(after_breakpoint, 1);
    seL4_UserContext out = {};
    KEEL_CHECK_EQ(seL4_TCB_ReadRegisters(t, 1, 0, context_words, &out), seL4_NoError);
    check_same_words(out, sanitised(out));
    KEEL_CHECK_EQ(seL4_TCB_Suspend(t), seL4_NoError);
}
