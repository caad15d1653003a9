// The scheduler: 256 priorities, round robin within each, seL4's scheduler actions.
#pragma once
#include "arch/calling.h"
#include "generated/config.h"
#include "object/tcb.h"

namespace core {

// At boot: no thread ready, no scheduler action pending.
void init_scheduler();

// seL4's isSchedulable: runnable and, with MCS, a configured scheduling context not waiting in
// the release queue.
bool is_schedulable(const Tcb& t);

// Ready queues. Enqueue puts a thread first among its priority (a preempted thread resumes
// first); append puts it last (a thread that yields goes to the back).
void sched_enqueue(Tcb& t);
void sched_append(Tcb& t);
void sched_dequeue(Tcb& t);

// Changes `t`'s state; if the current thread stops being runnable, a new one is chosen.
void set_thread_state(Tcb& t, ThreadState s);

// `t` became runnable: run it at the next exit if it should preempt the current thread,
// otherwise queue it (seL4's possibleSwitchTo).
void possible_switch_to(Tcb& t);
void reschedule_required();
// Whether `t` is the thread possible_switch_to chose to run next (seL4's ksSchedulerAction).
bool is_switch_candidate(const Tcb& t);

// seL4_Yield: `t`, the current thread, lets the others of its priority run first.
void yield(Tcb& t);

// Decides which thread runs when the kernel exits (seL4's schedule). nullptr: the idle loop.
Tcb* schedule();

// seL4 loads a thread's address space from its VTable cap when it switches to the thread
// (Arch_switchToThread's setVMRoot) and when an ASID goes (setVMRoot(ksCurThread)), not when the
// VTable changes: the current thread resumed without a switch runs on in the address space it
// has, so TCB_SetSpace on itself takes effect at its next switch. schedule's switches and the
// fastpath ask for the load; the architecture's return to user mode takes the request (and loads
// only then). The architecture's ASID deletions load at once, as seL4's do.
// Inline: the return to user mode of every slow entry takes it.
inline bool vm_root_reload = true;
inline void vm_root_reload_required() { vm_root_reload = true; }
inline bool take_vm_root_reload() {
    bool reload = vm_root_reload;
    vm_root_reload = false;
    return reload;
}

// KernelTimeSlice: ticks a thread runs before others of its priority get a turn (MCS: none, the
// scheduling contexts' budgets take its place).
constexpr u8 time_slice_ticks = config::keel_time_slice_ticks;
static_assert(config::keel_time_slice_ticks <= 255, "Tcb::time_slice holds it");
static_assert(config::kernel_mcs || config::keel_time_slice_ticks >= 1);

// A timer tick: the running thread uses up its time slice, then goes to the back of its queue.
void timer_tick();

// The highest priority with a ready thread, or -1 when none is ready. It saves the registers it
// uses itself, so the IPC fastpath can ask without spilling its own.
[[ARCH_PRESERVE_MOST]] int highest_ready_priority();

}  // namespace core
