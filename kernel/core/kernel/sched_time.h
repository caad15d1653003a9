// MCS: time and budgets (seL4 16.0.0's ksCurTime, ksConsumed, ksCurSC, ksReprogram and
// ksReleaseQueue, and the steps of kernel/thread.c and include/kernel/thread.h that charge the
// running thread's scheduling context). Defined in an MCS-only source (sched_time.cc): generic
// code calls these only under `if constexpr (config::kernel_mcs)`.
#pragma once
#include "object/refill.h"
#include "object/tcb.h"

namespace core {

// seL4's MIN_BUDGET_US: the least budget that enters and leaves the kernel.
u64 min_budget_us();

// The current time as the refill rules read it (ksCurTime, MIN_BUDGET, MAX_RELEASE_TIME).
RefillClock refill_clock();
// Microseconds in the timer's ticks (seL4's usToTicks), and the longest period (seL4's
// MAX_PERIOD_US: KernelStaticMaxPeriodUs when set, else an eighth of the ticks' range).
ticks us_to_ticks(u64 us);
u64 max_period_us();

// At boot, before any thread has run: no scheduling context current, the release queue empty,
// nothing consumed, the clock read.
void stop_clock();
// At boot, the root task `root` about to run: the clock read, its scheduling context current,
// the first deadline set.
void start_clock(Tcb& root);

// Kernel entry: ksCurTime read, the time since the previous reading added to ksConsumed and
// taken from the domain's (seL4's updateTimestamp).
void update_timestamp();
// Whether the current scheduling context's head refill covers ksConsumed and MIN_BUDGET and the
// domain's time lasts; if the refill does not, its time slice ends (chargeBudget, a timeout fault
// allowed). seL4's checkBudget.
bool check_budget();
// check_budget, and a thread whose time slice ended runs its system call again when it next
// runs (checkBudgetRestart).
bool check_budget_restart();
// An interrupt's entry: updateTimestamp and checkBudget (seL4's handleInterruptEntry).
void interrupt_entry_time();
// A long operation was preempted: the time used is checked or charged (seL4's mcsPreemptionPoint).
void preempted_time();
// Whether a preemption point stops for the budget (seL4's preemptionPoint: the timestamp read,
// the domain's time used up or the current scheduling context's head refill no longer covering
// ksConsumed).
bool budget_preempts();
// The timer's deadline came (seL4's ackDeadlineIRQ; ksReprogram).
void deadline_reached();
// The deadline is set again at this kernel exit (ksReprogram), as when the domain changed.
void reprogram_timer();
// schedule's second step: a domain whose time is used up has the scheduler choose, the deadline
// set again (seL4's checkDomainTime).
void check_domain_time();

// seL4's isSchedulable beyond runnability: a configured scheduling context, not waiting in the
// release queue.
inline bool has_released_budget(const Tcb& t) {
    return t.sched_context && t.sched_context->refill_max && !t.in_release_queue;
}
// `sc` is configured and its head refill is ready now (seL4's sc_released).
bool sc_released(SchedContext& sc);
// seL4_Yield on MCS: the current scheduling context's whole head refill is charged, only the
// time used counted as consumed (seL4's handleYield).
void yield_budget();
// New parameters for `sc`: the time its thread used so far is charged first if it is current.
void commit_time_of(SchedContext& sc);
// schedule's first step: the threads of the release queue whose head refill is ready become
// ready (seL4's awaken).
void awaken();
// schedule's last steps: the chosen thread's scheduling context current, the time used charged
// when the timer is to be set again, and the timer set (switchSchedContext, setNextInterrupt).
void switch_sched_context(Tcb* next);
// `t` leaves the release queue (seL4's tcbReleaseRemove); its first thread (then sched_next
// on), for the host tests.
void release_remove(Tcb& t);
const Tcb* release_queue_head();
// A thread whose head refill is not ready or not sufficient waits in the release queue (seL4's
// schedContext_resume).
void resume_sched_context(SchedContext* sc);
// `sc` was just bound to its thread: a sporadic one's ready head refill starts now, and the
// thread waits in the release queue unless its head refill is ready and sufficient (seL4's
// schedContext_bindTCB).
void wait_for_budget(SchedContext& sc);
// seL4's restart of a stopped thread, once its IPC is cancelled: Restart, and running only with a
// ready and sufficient head refill (a sporadic one's starting now if it can), else in the release queue.
void restart_with_budget(Tcb& t);
// A sporadic scheduling context other than the current one, its thread waking: a ready head
// refill starts now (seL4's `sc_sporadic(sc) && sc != ksCurSC` then refill_unblock_check).
void unblock_check_sporadic(SchedContext* sc);
// A thread replied to (Running or Restart) runs again if its head refill is ready and
// sufficient; else a timeout fault (unless it replied to one) or the release queue (the end of
// seL4's doReplyTransfer).
void resume_after_reply(Tcb& t, FaultType fault);
// SchedContext_YieldTo from the current thread `cur` to `sc`'s thread (seL4's
// invokeSchedContext_YieldTo): true when `cur` is answered at once (the thread is not
// schedulable, or of a lower priority: it only goes to the front of its queue); false when `cur`
// waits behind it, answered once it runs again (complete_yield_to).
bool yield_to(Tcb& cur, SchedContext& sc);
// The yield of `yielder`, if any, is over: it is answered with the time its scheduling context used
// (seL4's schedContext_completeYieldTo), or forgotten (cancel_yield_to).
void complete_yield_to(Tcb& yielder);
void cancel_yield_to(Tcb& t);
// The time a scheduling context used, in microseconds, and less of it kept (seL4's
// schedContext_updateConsumed).
u64 take_consumed_us(SchedContext& sc);

}  // namespace core
