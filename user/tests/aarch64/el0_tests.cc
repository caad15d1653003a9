// What EL0 sees of the kernel's entry and SCTLR_EL1 on aarch64: an interrupted thread's restart PC
// is where it was interrupted (seL4's lower_el_irq stores ELR_EL1 as FaultIP), and EL0 may read
// CTR_EL0, clean and invalidate its own lines and wait for interrupts (seL4's head.S sets
// SCTLR_EL1.UCT and UCI, KernelAArch64UserCacheEnable, and keeps nTWI and nTWE).
#include "thread_helpers.h"

using namespace keel;

extern "C" char el0_yield_svc[], el0_spin[];

namespace {

ThreadStack stacks[3];
constexpr unsigned context_words = 36;

void parked() { park(); }

// seL4_Yield at el0_yield_svc, then a spin at el0_spin until suspended.
void yield_then_spin() {
    register seL4_Word x7 asm("x7") = static_cast<seL4_Word>(seL4_SysYield);
    asm volatile(".global el0_yield_svc\n el0_yield_svc: svc #0\n"
                 ".global el0_spin\n el0_spin: b el0_spin"
                 : "+r"(x7)
                 :
                 : "x0", "x1", "x2", "x3", "x4", "x5", "x6", "memory");
}

volatile seL4_Word el0_steps;

// Each step one instruction seL4 lets EL0 run; a trap leaves the count where it stopped.
void el0_cache_and_wait() {
    seL4_Word line = reinterpret_cast<seL4_Word>(&el0_steps);
    seL4_Word code = reinterpret_cast<seL4_Word>(el0_cache_and_wait);
    seL4_Word ctr;
    asm volatile("mrs %0, ctr_el0" : "=r"(ctr));
    el0_steps = ctr != 0 ? 1 : 0;
    asm volatile("dc cvau, %0" ::"r"(line) : "memory");
    el0_steps = el0_steps + 1;
    asm volatile("dc cvac, %0" ::"r"(line) : "memory");
    el0_steps = el0_steps + 1;
    asm volatile("dc civac, %0" ::"r"(line) : "memory");
    el0_steps = el0_steps + 1;
    asm volatile("dsb ish\n ic ivau, %0\n dsb ish\n isb" ::"r"(code) : "memory");
    el0_steps = el0_steps + 1;
    asm volatile("wfi" ::: "memory");  // the next tick ends it
    el0_steps = el0_steps + 1;
    asm volatile("sevl\n wfe" ::: "memory");  // the local event is set: no wait
    el0_steps = el0_steps + 1;
    park();
}

}  // namespace

KEEL_TEST(THREADS0020, "aarch64: an interrupted thread's pc (ReadRegisters, CopyRegisters) is where the interrupt took it, not its last system call") {
    KEEL_CHECK_EQ(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 100), seL4_NoError);
    seL4_CPtr t = spawn_thread(yield_then_spin, stacks[0], 100, true);
    KEEL_CHECK(t != 0);
    seL4_Yield();  // the thread runs to its Yield
    seL4_Yield();  // it spins until the tick ends its time slice
    seL4_UserContext out = {};
    KEEL_CHECK_EQ(seL4_TCB_ReadRegisters(t, 0, 0, context_words, &out), seL4_NoError);
    KEEL_CHECK_EQ(out.pc, reinterpret_cast<seL4_Word>(el0_spin));
    KEEL_CHECK(out.pc != reinterpret_cast<seL4_Word>(el0_yield_svc));
    seL4_CPtr copy = spawn_thread(parked, stacks[1], 10, false);
    KEEL_CHECK_EQ(seL4_TCB_CopyRegisters(copy, t, 0, 0, 1, 0, 0), seL4_NoError);
    KEEL_CHECK_EQ(seL4_TCB_ReadRegisters(copy, 0, 0, 1, &out), seL4_NoError);
    KEEL_CHECK_EQ(out.pc, reinterpret_cast<seL4_Word>(el0_spin));
    KEEL_CHECK_EQ(seL4_TCB_Suspend(t), seL4_NoError);
}

KEEL_TEST(FAULT0010, "aarch64: EL0 reads CTR_EL0, runs dc cvau, dc cvac, dc civac and ic ivau on its own pages, wfi and wfe, with no user exception (SCTLR_EL1 UCT, UCI, nTWI, nTWE)") {
    el0_steps = 0;
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    KEEL_CHECK_EQ(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 100), seL4_NoError);
    seL4_CPtr t = spawn_thread(el0_cache_and_wait, stacks[2], 150, true, ep);  // runs to its park
    KEEL_CHECK_EQ(el0_steps, 7);  // short of 7: the step after the count trapped (a user exception)
    KEEL_CHECK_EQ(seL4_TCB_Suspend(t), seL4_NoError);
}
