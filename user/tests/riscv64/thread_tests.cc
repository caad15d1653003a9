// FPU and THREADS on riscv64: F registers never written read zero, whatever the thread before wrote,
// and a stack pointer outside Sv39 or in kernel memory (the register tests it shares with aarch64
// are in user/tests/risc/).
#include "thread_helpers.h"

using namespace keel;

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
