// THREADS, FPU and FAULT on riscv64: the 32-word register set (seL4 sanitises none of it on RISC-V), its
// frame and general halves, each thread's own F registers (and a disabled FPU), ebreak.
#include "thread_helpers.h"

using namespace keel;

namespace {

ThreadStack stacks[4];
volatile seL4_Word shared[2];
seL4_CPtr thread_caps[1];

void parked() { park(); }

seL4_Word* words(seL4_UserContext& c) { return reinterpret_cast<seL4_Word*>(&c); }

}  // namespace

KEEL_TEST(THREADS0012, "riscv64: ReadRegisters returns the 32 words WriteRegisters wrote, unsanitised; counts are checked") {
    seL4_CPtr t = spawn_thread(parked, stacks[0], 10, false);
    KEEL_CHECK(t != 0);
    seL4_UserContext in = {};
    for (unsigned i = 0; i < 32; i++) words(in)[i] = 0x1000 + i;
    in.pc = 0x1003;           // not aligned: RISC-V keeps it as written
    in.tp = ~seL4_Word{0};    // any value is a thread pointer
    KEEL_CHECK_EQ(seL4_TCB_WriteRegisters(t, 0, 0, 32, &in), seL4_NoError);
    seL4_UserContext out = {};
    KEEL_CHECK_EQ(seL4_TCB_ReadRegisters(t, 0, 0, 32, &out), seL4_NoError);
    for (unsigned i = 0; i < 32; i++) KEEL_CHECK_EQ(words(out)[i], words(in)[i]);
    KEEL_CHECK_EQ(seL4_TCB_ReadRegisters(t, 0, 0, 0, &out), seL4_RangeError);
    KEEL_CHECK_EQ(seL4_GetMR(0), 1);
    KEEL_CHECK_EQ(seL4_GetMR(1), 32);
    KEEL_CHECK_EQ(seL4_TCB_ReadRegisters(t, 0, 0, 33, &out), seL4_RangeError);
    KEEL_CHECK_EQ(seL4_TCB_ReadRegisters(seL4_CapInitThreadTCB, 0, 0, 1, &out), seL4_IllegalOperation);
    KEEL_CHECK_EQ(seL4_TCB_WriteRegisters(t, 0, 0, 33, &in), seL4_TruncatedMessage);  // 33 claimed, 32 sent
}

KEEL_TEST(THREADS0013, "riscv64: CopyRegisters copies the frame registers (pc, ra, sp, gp, s0-s11), the others (a0-a7, t0-t6, tp), or both") {
    seL4_CPtr src = spawn_thread(parked, stacks[1], 10, false);
    seL4_CPtr dst = spawn_thread(parked, stacks[2], 10, false);
    seL4_UserContext in = {};
    in.pc = 0x4000;
    in.s11 = 0x511;
    in.a0 = 0xa0;
    in.tp = 0xf5;
    KEEL_CHECK_EQ(seL4_TCB_WriteRegisters(src, 0, 0, 32, &in), seL4_NoError);
    seL4_UserContext zero = {};
    KEEL_CHECK_EQ(seL4_TCB_WriteRegisters(dst, 0, 0, 32, &zero), seL4_NoError);
    KEEL_CHECK_EQ(seL4_TCB_CopyRegisters(dst, src, 0, 0, 1, 0, 0), seL4_NoError);  // frame registers only
    seL4_UserContext out = {};
    KEEL_CHECK_EQ(seL4_TCB_ReadRegisters(dst, 0, 0, 32, &out), seL4_NoError);
    KEEL_CHECK_EQ(out.pc, 0x4000);
    KEEL_CHECK_EQ(out.s11, 0x511);
    KEEL_CHECK_EQ(out.a0, 0);
    KEEL_CHECK_EQ(out.tp, 0);
    KEEL_CHECK_EQ(seL4_TCB_CopyRegisters(dst, src, 0, 0, 0, 1, 0), seL4_NoError);  // the others
    KEEL_CHECK_EQ(seL4_TCB_ReadRegisters(dst, 0, 0, 32, &out), seL4_NoError);
    KEEL_CHECK_EQ(out.a0, 0xa0);
    KEEL_CHECK_EQ(out.tp, 0xf5);
    KEEL_CHECK_EQ(seL4_TCB_CopyRegisters(dst, seL4_CapInitThreadCNode, 0, 0, 1, 1, 0), seL4_InvalidCapability);
    KEEL_CHECK_EQ(seL4_GetMR(0), 1);
}

namespace {
volatile seL4_Word fpu_seen;
void fpu_body() {
    double x = 1.5;
    asm volatile("fmv.d.x f3, %0" ::"r"(0x1111111111111111ul));
    seL4_Yield();
    seL4_Word seen;
    asm volatile("fmv.x.d %0, f3" : "=r"(seen));
    fpu_seen = seen;
    x = x * 3.0;
    shared[1] = static_cast<seL4_Word>(x * 2);
    exit_thread(thread_caps[0]);
}
}  // namespace

KEEL_TEST(FPU0003, "riscv64: each thread keeps its own F registers across switches") {
    shared[1] = 0;
    fpu_seen = 0;
    thread_caps[0] = spawn_thread(fpu_body, stacks[3], seL4_MaxPrio, true);
    KEEL_CHECK(thread_caps[0] != 0);
    seL4_Yield();  // the thread loads f3 and yields back
    asm volatile("fmv.d.x f3, %0" ::"r"(0x2222222222222222ul));
    seL4_Yield();  // the thread reads f3 and exits
    seL4_Word mine;
    asm volatile("fmv.x.d %0, f3" : "=r"(mine));
    KEEL_CHECK_EQ(fpu_seen, 0x1111111111111111ul);
    KEEL_CHECK_EQ(mine, 0x2222222222222222ul);
    KEEL_CHECK_EQ(shared[1], 9);
}

namespace {
ThreadStack reader_stacks[2];
volatile seL4_Word reader_f5[2], reader_fcsr[2], readers_done;
volatile bool reader_writes;  // the first reader writes f5 and fcsr before it yields to the second
constexpr seL4_Word secret = 0x5ec2e75ec2e75ec2ul;

// A thread that never wrote an F register reads f5 and fcsr, which must be zero, then yields to
// the other reader of its priority.
void fpu_reader() {
    seL4_Word f5, fcsr, i = readers_done;
    asm volatile("fmv.x.d %0, f5\n frcsr %1" : "=r"(f5), "=r"(fcsr));
    reader_f5[i] = f5;
    reader_fcsr[i] = fcsr;
    readers_done = i + 1;
    if (i == 0 && reader_writes) asm volatile("fmv.d.x f5, %0\n fscsr %1" ::"r"(secret), "r"(0x7ful) : "f5");
    seL4_Yield();
    park();
}

// Two fresh threads below the root task's priority, then the root task below them: the first
// reads, yields to the second, which reads.
void run_two_fpu_readers(bool first_writes) {
    readers_done = 0;
    reader_writes = first_writes;
    for (int i = 0; i < 2; i++) {
        reader_f5[i] = 1;
        reader_fcsr[i] = 1;
    }
    seL4_CPtr a = spawn_thread(fpu_reader, reader_stacks[0], 60, true);
    seL4_CPtr b = spawn_thread(fpu_reader, reader_stacks[1], 60, true);
    KEEL_CHECK(a && b);
    KEEL_CHECK_EQ(set_own_priority(50), seL4_NoError);  // both run now, in order
    KEEL_CHECK_EQ(set_own_priority(200), seL4_NoError);
    KEEL_CHECK_EQ(readers_done, 2);
    KEEL_CHECK_EQ(seL4_TCB_Suspend(a), seL4_NoError);
    KEEL_CHECK_EQ(seL4_TCB_Suspend(b), seL4_NoError);
}
}  // namespace

// The kernel skips moving F registers between two threads that have never written one (their
// state is zero and so are the registers): none of another thread's values may leak that way.
KEEL_TEST(FPU0004, "riscv64: a thread that never wrote an F register reads zero in f5 and fcsr, whatever the thread before it wrote") {
    KEEL_CHECK_EQ(set_own_priority(200), seL4_NoError);
    asm volatile("fmv.d.x f5, %0\n fscsr %1" ::"r"(secret), "r"(0x7ful) : "f5");  // the root task's own
    run_two_fpu_readers(false);  // the root task, then two threads that only read
    for (int i = 0; i < 2; i++) {
        KEEL_CHECK_EQ(reader_f5[i], 0);
        KEEL_CHECK_EQ(reader_fcsr[i], 0);
    }
    run_two_fpu_readers(true);  // the first writes before it yields to the second
    KEEL_CHECK_EQ(reader_f5[1], 0);
    KEEL_CHECK_EQ(reader_fcsr[1], 0);
    seL4_Word mine, my_fcsr;
    asm volatile("fmv.x.d %0, f5\n frcsr %1" : "=r"(mine), "=r"(my_fcsr));
    KEEL_CHECK_EQ(mine, secret);  // and the root task's own survive
    KEEL_CHECK_EQ(my_fcsr, 0x7f);
}

namespace {
void touch_fpu() {
    asm volatile("fmv.d.x f1, zero" ::: "f1");
    park();
}
}  // namespace

KEEL_TEST(THREADS0014, "riscv64: TCB_SetFlags: a thread with seL4_TCBFlag_fpuDisabled faults (illegal instruction) on its first F instruction") {
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
    KEEL_CHECK_EQ(seL4_TCB_WriteRegisters(t, 1, 0, 32, &regs), seL4_NoError);
    seL4_Word badge;
    seL4_MessageInfo_t info = keel_nb_recv(ep, &badge);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_UserException);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_UserException_Number), 2);  // illegal instruction
    seL4_Word ip = seL4_GetMR(seL4_UserException_FaultIP);
    KEEL_CHECK(ip >= reinterpret_cast<seL4_Word>(touch_fpu) && ip < reinterpret_cast<seL4_Word>(touch_fpu) + 16);
    KEEL_CHECK_EQ(*reinterpret_cast<const seL4_Uint32*>(ip), 0xf20000d3);  // the fmv.d.x f1, zero itself
    KEEL_CHECK_EQ(seL4_TCB_SetFlags(t, seL4_TCBFlag_fpuDisabled, 0).flags, 0);
    keel_reply(seL4_MessageInfo_new(0, 0, 0, 0));  // retry the instruction, now with the FPU
    seL4_Yield();
    seL4_UserContext out = {};
    KEEL_CHECK_EQ(seL4_TCB_ReadRegisters(t, 1, 0, 1, &out), seL4_NoError);
    KEEL_CHECK(out.pc != ip);  // past it, parked
    asm volatile("fmv.d.x f2, zero" ::: "f2");  // and the root task's FPU still works
}

namespace {
volatile seL4_Word after_breakpoint;
void breakpoint() {
    asm volatile(".option push\n.option norvc\nebreak\n.option pop" ::: "memory");
    after_breakpoint = 1;
    park();
}
}  // namespace

KEEL_TEST(FAULT0006, "riscv64: ebreak is user exception 3 (code 0) at the ebreak itself; a reply past it resumes the thread") {
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    after_breakpoint = 0;
    KEEL_CHECK_EQ(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 100), seL4_NoError);
    seL4_CPtr t = spawn_thread(breakpoint, stacks[3], 150, true, ep);  // faults at once
    seL4_Word badge;
    seL4_MessageInfo_t info = keel_nb_recv(ep, &badge);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_UserException);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_length(info), seL4_UserException_Length);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_UserException_Number), 3);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_UserException_Code), 0);
    seL4_Word ip = seL4_GetMR(seL4_UserException_FaultIP);
    KEEL_CHECK(ip >= reinterpret_cast<seL4_Word>(breakpoint) && ip < reinterpret_cast<seL4_Word>(breakpoint) + 16);
    KEEL_CHECK_EQ(*reinterpret_cast<const seL4_Uint32*>(ip), 0x00100073);  // the ebreak
    KEEL_CHECK_EQ(after_breakpoint, 0);
    seL4_SetMR(seL4_UserException_FaultIP, ip + 4);
    keel_reply(seL4_MessageInfo_new(0, 0, 0, 1));
    seL4_Yield();
    KEEL_CHECK_EQ(after_breakpoint, 1);
    KEEL_CHECK_EQ(seL4_TCB_Suspend(t), seL4_NoError);
}

namespace {
void store_below_sp() {  // its prologue may store first, also just below sp
    asm volatile("sd zero, -8(sp)" ::: "memory");
    park();
}
}  // namespace

KEEL_TEST(THREADS0015, "riscv64: a thread resumed with its sp outside Sv39 or in kernel memory faults in user mode (a store page fault), not in the kernel") {
    const seL4_Word bad_sps[] = {0x0000900000000000, 0xffffffc080000000};
    for (seL4_Word sp : bad_sps) {
        seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
        seL4_CPtr t = alloc_object(seL4_TCBObject, 0);
        KEEL_CHECK_EQ(keel_configure_thread(t, ep, seL4_CapInitThreadVSpace, 0, 0, 150), seL4_NoError);
        KEEL_CHECK_EQ(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 100), seL4_NoError);
        seL4_UserContext regs = {};
        regs.pc = reinterpret_cast<seL4_Word>(store_below_sp);
        regs.sp = sp;
        KEEL_CHECK_EQ(seL4_TCB_WriteRegisters(t, 1, 0, 32, &regs), seL4_NoError);
        seL4_Word badge;
        seL4_MessageInfo_t info = keel_nb_recv(ep, &badge);
        KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_VMFault);
        KEEL_CHECK_EQ(seL4_GetMR(seL4_VMFault_Addr), sp - 8);
        KEEL_CHECK_EQ(seL4_GetMR(seL4_VMFault_PrefetchFault), 0);
        KEEL_CHECK_EQ(seL4_GetMR(seL4_VMFault_FSR), 7);  // a store page fault, reported as seL4 does: RISCVStoreAccessFault
        seL4_Word ip = seL4_GetMR(seL4_VMFault_IP);
        KEEL_CHECK(ip >= reinterpret_cast<seL4_Word>(store_below_sp) && ip < reinterpret_cast<seL4_Word>(store_below_sp) + 16);
        KEEL_CHECK_EQ(seL4_TCB_Suspend(t), seL4_NoError);
    }
}

// Found reading core's SetTLSBase beside qfuzz: it wrote user register frame_registers, which on
// x86_64 is the FS base but on riscv64 is a0 (tp, seL4's TLS_BASE, is the last of the 32).
KEEL_TEST(THREADS0016, "riscv64: TCB_SetTLSBase writes tp (seL4's TLS_BASE) and no other register") {
    seL4_CPtr t = spawn_thread(parked, stacks[0], 10, false);
    KEEL_CHECK(t != 0);
    seL4_UserContext in = {};
    for (unsigned i = 0; i < 32; i++) words(in)[i] = 0x2000 + i;
    KEEL_CHECK_EQ(seL4_TCB_WriteRegisters(t, 0, 0, 32, &in), seL4_NoError);
    KEEL_CHECK_EQ(seL4_TCB_SetTLSBase(t, 0x5a5a5000), seL4_NoError);
    seL4_UserContext out = {};
    KEEL_CHECK_EQ(seL4_TCB_ReadRegisters(t, 0, 0, 32, &out), seL4_NoError);
    in.tp = 0x5a5a5000;
    for (unsigned i = 0; i < 32; i++) KEEL_CHECK_EQ(words(out)[i], words(in)[i]);
    seL4_CNode_Delete(root, t, 64);
}
