// MCS: the clock, charging the current scheduling context for the time it used, the release
// queue and the timer's deadline, as seL4 16.0.0's MCS kernel (kernel/thread.c, include/kernel/thread.h).
#include "kernel/sched_time.h"
#include "arch/interrupts.h"
#include "generated/config.h"
#include "kernel/ipc.h"
#include "kernel/sched.h"
#include "kernel/thread.h"
#include "object/domain.h"
#include "object/sched_invocation.h"
#include "syscall/message.h"

namespace core {
namespace {

ticks cur_time = 0;              // ksCurTime: read at this kernel entry
ticks consumed_now = 0;          // ksConsumed: used by the current scheduling context, not charged yet
SchedContext* cur_sc = nullptr;  // ksCurSC; nullptr while the idle loop runs
bool reprogram = false;          // ksReprogram: the deadline is set again at the kernel's exit
Tcb* release_head = nullptr;     // ksReleaseQueue: by their head refill's release time

// seL4's MIN_BUDGET and MAX_RELEASE_TIME in ticks. They change only with the timer's rate, which
// is measured before the clock starts: worked out when it is (re)started (stop_clock), not at
// every entry.
ticks min_budget_ticks = 0;
ticks max_release_ticks = 0;

void work_out_time_limits() {
    min_budget_ticks = us_to_ticks(min_budget_us());
    max_release_ticks = ~u64{0} - 5 * us_to_ticks(max_period_us());
}

ticks max_release_time() { return max_release_ticks; }
ticks min_budget() { return min_budget_ticks; }

// With one domain, its time never ends: nothing is asked on the way in or out.
bool domain_over() { return config::num_domains > 1 && current_domain_expired(); }
bool ready_and_sufficient(SchedContext& sc) {
    return refill_ready(sc, cur_time) && refill_sufficient(sc, 0, min_budget());
}
ticks release_time(const Tcb& t) { return refill_head(*t.sched_context).release_time; }

// Sorted by release time, a thread after those released at the same time (seL4's tcbReleaseEnqueue).
void release_enqueue(Tcb& t) {
    ticks time = release_time(t);
    Tcb* prev = nullptr;
    Tcb* next = release_head;
    for (; next && release_time(*next) <= time; next = next->sched_next) prev = next;
    t.sched_prev = prev;
    t.sched_next = next;
    if (next) next->sched_prev = &t;
    if (prev) {
        prev->sched_next = &t;
    } else {
        release_head = &t;
        reprogram = true;
    }
    t.in_release_queue = true;
}

// The thread of `sc` waits in the release queue until its head refill is ready (seL4's postpone).
void postpone(SchedContext& sc) {
    sched_dequeue(*sc.tcb);
    release_enqueue(*sc.tcb);
    reprogram = true;
}

// The time used is charged to the current scheduling context, still in its time slice (seL4's commitTime).
void commit_time() {
    if (cur_sc && cur_sc->refill_max) {
        if (consumed_now > 0) refill_commit(*cur_sc, consumed_now, refill_clock());
        cur_sc->consumed += consumed_now;
    }
    consumed_now = 0;
}

bool valid_timeout_handler(Tcb& t) { return t.slot(TcbSlot::TimeoutHandler).cap.type() == CapType::Endpoint; }

// seL4's handleTimeout: a timeout fault with the scheduling context's badge to the timeout handler.
void handle_timeout(Tcb& t, const SchedContext& sc) {
    send_fault_ipc_to(t, t.slot(TcbSlot::TimeoutHandler).cap, Fault::timeout(sc.badge), {});
}

// The time slice of the current thread `cur` is over: a timeout fault to its handler, or the back
// of its ready queue, or the release queue (seL4's endTimeslice).
void end_timeslice(Tcb& cur, bool can_timeout_fault) {
    SchedContext& sc = *cur_sc;
    if (can_timeout_fault && !is_round_robin(sc) && valid_timeout_handler(cur)) {
        handle_timeout(cur, sc);
    } else if (ready_and_sufficient(sc)) {
        sched_append(cur);
    } else {
        postpone(sc);
    }
}

// The current scheduling context's time slice ends, `consumed` charged (seL4's chargeBudget).
void charge_budget(ticks consumed, bool can_timeout_fault) {
    if (cur_sc && cur_sc->refill_max) {
        refill_end_timeslice(*cur_sc, consumed, refill_clock());
        cur_sc->consumed += consumed;
    }
    consumed_now = 0;
    Tcb* cur = current_thread();
    if (!cur || !is_schedulable(*cur)) return;
    end_timeslice(*cur, can_timeout_fault);
    reschedule_required();
    reprogram = true;
}

void unblock_check(SchedContext& sc) {
    if (refill_unblock_check(sc, refill_clock())) reprogram = true;
}

// The deadline: the end of the running thread's head refill (the idle loop's: seL4's idle
// scheduling context keeps a whole boot time slice), the domain's end or the next release,
// whichever comes first, less the timer's precision (seL4's setNextInterrupt).
void set_next_interrupt(Tcb* next) {
    ticks deadline = cur_time + (next ? refill_head(*next->sched_context).amount : boot_budget_ticks());
    if (config::num_domains > 1 && cur_time + domain_time_left() < deadline) deadline = cur_time + domain_time_left();
    if (release_head && release_time(*release_head) < deadline) deadline = release_time(*release_head);
    arch::set_deadline(deadline - arch::timer_precision());
}

}  // namespace

u64 min_budget_us() { return 2 * arch::kernel_wcet_us * config::kernel_wcet_scale; }

u64 max_period_us() {
    if (config::kernel_static_max_period_us) return config::kernel_static_max_period_us;
    return arch::max_us_to_ticks() / 8;
}

ticks us_to_ticks(u64 us) { return arch::us_to_ticks(us); }

RefillClock refill_clock() { return RefillClock{cur_time, min_budget(), max_release_time()}; }

void stop_clock() {
    work_out_time_limits();
    cur_time = arch::current_time();
    consumed_now = 0;
    cur_sc = nullptr;
    release_head = nullptr;
    reprogram = false;
}

void start_clock(Tcb& root) {
    stop_clock();
    cur_sc = root.sched_context;
    set_next_interrupt(&root);
}

void update_timestamp() {
    ticks prev = cur_time;
    cur_time = arch::current_time();
    consumed_now += cur_time - prev;
    if constexpr (config::num_domains > 1) domain_time_passes(cur_time - prev, min_budget());
}

bool check_budget() {
    if (!cur_sc || refill_sufficient(*cur_sc, consumed_now, min_budget())) return !domain_over();
    charge_budget(consumed_now, true);
    return false;
}

bool check_budget_restart() {
    if (check_budget()) return true;
    Tcb* cur = current_thread();
    if (cur && cur->is_runnable()) set_thread_state(*cur, ThreadState::Restart);
    return false;
}

void interrupt_entry_time() {
    update_timestamp();
    check_budget();
}

void preempted_time() {
    Tcb* cur = current_thread();
    if (cur && is_schedulable(*cur)) {
        check_budget();
    } else if (cur_sc && cur_sc->refill_max) {
        charge_budget(consumed_now, false);
    } else {
        consumed_now = 0;  // its scheduling context is gone: as if charged, then cleared
    }
}

bool budget_preempts() {
    update_timestamp();
    if (domain_over()) return true;
    return cur_sc && !(cur_sc->refill_max && refill_sufficient(*cur_sc, consumed_now, min_budget()));
}

void deadline_reached() {
    arch::ack_deadline_irq();
    reprogram = true;
}

void reprogram_timer() { reprogram = true; }

void check_domain_time() {
    if (!domain_over()) return;
    reprogram = true;
    reschedule_required();
}

void commit_time_of(SchedContext& sc) {
    if (&sc == cur_sc) commit_time();
}

void yield_budget() {
    SchedContext& sc = *cur_sc;
    ticks consumed = sc.consumed + consumed_now;
    charge_budget(refill_head(sc).amount, false);
    sc.consumed = consumed;
}

void awaken() {
    while (release_head && refill_ready(*release_head->sched_context, cur_time)) {
        Tcb& t = *release_head;
        release_remove(t);
        possible_switch_to(t);
    }
}

void switch_sched_context(Tcb* next) {
    SchedContext* sc = next ? next->sched_context : nullptr;
    if (sc != cur_sc) {
        reprogram = true;
        if (sc && !sc->sporadic) unblock_check(*sc);
    }
    if (reprogram) commit_time();
    cur_sc = sc;
    if (!reprogram) return;
    set_next_interrupt(next);
    reprogram = false;
}

void release_remove(Tcb& t) {
    if (!t.in_release_queue) return;
    if (release_head == &t) {
        release_head = t.sched_next;
        reprogram = true;
    }
    if (t.sched_prev) t.sched_prev->sched_next = t.sched_next;
    if (t.sched_next) t.sched_next->sched_prev = t.sched_prev;
    t.sched_next = t.sched_prev = nullptr;
    t.in_release_queue = false;
}

const Tcb* release_queue_head() { return release_head; }

void resume_after_reply(Tcb& t, FaultType fault) {
    SchedContext* sc = t.sched_context;
    if (!sc || !t.is_runnable()) return;
    if (ready_and_sufficient(*sc)) {
        possible_switch_to(t);
    } else if (valid_timeout_handler(t) && fault != FaultType::Timeout) {
        handle_timeout(t, *sc);
    } else {
        postpone(*sc);
    }
}

void resume_sched_context(SchedContext* sc) {
    if (sc && sc->tcb && is_schedulable(*sc->tcb) && !ready_and_sufficient(*sc)) postpone(*sc);
}

void wait_for_budget(SchedContext& sc) {
    if (sc.refill_max) unblock_check_sporadic(&sc);
    resume_sched_context(&sc);
}

void restart_with_budget(Tcb& t) {
    set_thread_state(t, ThreadState::Restart);
    unblock_check_sporadic(t.sched_context);
    resume_sched_context(t.sched_context);
    possible_switch_to(t);
}

bool yield_to(Tcb& cur, SchedContext& sc) {
    if (sc.yield_from) complete_yield_to(*sc.yield_from);
    resume_sched_context(&sc);
    Tcb& t = *sc.tcb;
    if (!is_schedulable(t)) return true;
    sched_dequeue(t);
    if (t.priority < cur.priority) {
        sched_enqueue(t);
        return true;
    }
    cur.yield_to = &sc;
    sc.yield_from = &cur;
    sched_enqueue(cur);
    sched_enqueue(t);
    reschedule_required();
    return false;
}

void complete_yield_to(Tcb& yielder) {
    if (!yielder.yield_to) return;
    reply_word(yielder, take_consumed_us(*yielder.yield_to));
    cancel_yield_to(yielder);
}

void cancel_yield_to(Tcb& t) {
    if (!t.yield_to) return;
    t.yield_to->yield_from = nullptr;
    t.yield_to = nullptr;
}

bool sc_released(SchedContext& sc) { return sc.refill_max && refill_ready(sc, cur_time); }

void unblock_check_sporadic(SchedContext* sc) {
    if (sc && sc->sporadic && sc != cur_sc) unblock_check(*sc);
}

// At most getMaxTicksToUs ticks are taken, the rest left for the next Consumed (seL4's
// schedContext_updateConsumed).
u64 take_consumed_us(SchedContext& sc) {
    ticks taken = sc.consumed < arch::max_ticks_to_us() ? sc.consumed : arch::max_ticks_to_us();
    sc.consumed -= taken;
    return arch::ticks_to_us(taken);
}

}  // namespace core
