// MCS (seL4 16.0.0 with CONFIG_KERNEL_MCS): reply objects and the call stacks they form
// (src/object/reply.c), scheduling-context donation (schedContext_donate), the reply
// (doReplyTransfer). Only the MCS configuration calls it.
#include <algorithm>
#include "ops.h"
#include "spec.h"

namespace spec {

// Leaving the head of the release queue changes the next release: the timer is set again.
void remove_from_release_queue(State& s, word t) {
    if (!s.release_queue.empty() && s.release_queue.front() == t) s.reprogram = true;
    std::erase(s.release_queue, t);
    s.threads.at(t).in_release_queue = false;
}

void donate_sched_context(State& s, word sc, word to) {
    SchedContext& c = s.sched_contexts.at(sc);
    if (word from = c.thread) {
        sched_dequeue(s, from);
        remove_from_release_queue(s, from);
        s.threads.at(from).sc = 0;
        if (from == s.current || (s.action == SchedAction::SwitchTo && from == s.candidate)) reschedule_required(s);
    }
    c.thread = to;
    s.threads.at(to).sc = sc;
}

void reply_unlink(State& s, word reply) {
    Reply& r = s.replies.at(reply);
    word t = r.thread;
    r.thread = 0;
    s.threads.at(t).reply = 0;
    set_thread_state(s, t, ThreadState::Inactive);
}

void reply_push(State& s, word caller, word callee, word reply, bool can_donate) {
    Reply& r = s.replies.at(reply);
    r.thread = caller;
    s.threads.at(caller).reply = reply;
    set_thread_state(s, caller, ThreadState::BlockedOnReply);
    word sc = s.threads.at(caller).sc;
    if (!sc || s.threads.at(callee).sc || !can_donate) return;
    SchedContext& c = s.sched_contexts.at(sc);
    if (c.reply) {  // the call below no longer heads the stack
        s.replies.at(c.reply).head_of = 0;
        s.replies.at(c.reply).next = reply;
    }
    r.prev = c.reply;
    r.next = 0;
    r.head_of = sc;
    c.reply = reply;
    donate_sched_context(s, sc, callee);
}

namespace {

// The newest call of a stack is answered: the call below heads it, and the scheduling context
// goes back to the caller unless it was given another meanwhile (seL4's reply_pop).
void reply_pop(State& s, word reply) {
    Reply& r = s.replies.at(reply);
    word sc = r.head_of, caller = r.thread;
    s.sched_contexts.at(sc).reply = r.prev;
    if (r.prev) {
        s.replies.at(r.prev).head_of = sc;
        s.replies.at(r.prev).next = 0;
    }
    r.head_of = 0;
    r.prev = 0;
    if (!s.threads.at(caller).sc) donate_sched_context(s, sc, caller);
    reply_unlink(s, reply);
}

// The reply object leaves its stack, which is cut there.
void cut_stack(State& s, word reply) {
    Reply& r = s.replies.at(reply);
    if (r.head_of) s.sched_contexts.at(r.head_of).reply = 0;
    if (r.next) s.replies.at(r.next).prev = 0;
    if (r.prev) {
        s.replies.at(r.prev).next = 0;
        s.replies.at(r.prev).head_of = 0;
    }
    r.prev = r.next = r.head_of = 0;
}

}  // namespace

void reply_remove(State& s, word reply) {
    if (s.replies.at(reply).head_of) {
        reply_pop(s, reply);
        return;
    }
    cut_stack(s, reply);
    reply_unlink(s, reply);
}

void reply_remove_tcb(State& s, word thread) {
    word reply = s.threads.at(thread).reply;
    cut_stack(s, reply);
    reply_unlink(s, reply);
}

word take_consumed_us(State& s, word sc) {
    SchedContext& c = s.sched_contexts.at(sc);
    word us = c.consumed / ticks_per_us;
    c.consumed = 0;
    return us;
}

namespace {

bool valid_timeout_handler(const State& s, word t) {
    return s.threads.at(t).slots[TimeoutHandlerSlot].cap.type == CapType::Endpoint;
}

// seL4's handleTimeout: a timeout fault with the badge of the thread's scheduling context to its
// timeout handler, which is not given the scheduling context.
void handle_timeout(State& s, word t) {
    Thread& th = s.threads.at(t);
    Cap h = th.slots[TimeoutHandlerSlot].cap;
    th.fault = Fault{.type = FaultType::Timeout, .address = s.sched_contexts.at(th.sc).badge};
    send_ipc(s, true, false, h.badge, h.grant, h.grant_reply, false, t, h.object);
}

}  // namespace

bool refill_ready(const State& s, word sc) {
    return s.sched_contexts.at(sc).refills.front().time <= s.time;
}

// seL4's refill_sufficient: the head refill holds MIN_BUDGET after `usage` is taken from it.
bool refill_sufficient(const State& s, word sc, word usage) {
    word amount = s.sched_contexts.at(sc).refills.front().amount;
    return (amount > usage ? amount - usage : 0) >= min_budget;
}

bool budget_ready(const State& s, word sc) { return refill_ready(s, sc) && refill_sufficient(s, sc, 0); }

void postpone(State& s, word sc) {
    word t = s.sched_contexts.at(sc).thread;
    sched_dequeue(s, t);
    word at = s.sched_contexts.at(sc).refills.front().time;
    auto pos = std::find_if(s.release_queue.begin(), s.release_queue.end(), [&](word other) {
        return s.sched_contexts.at(s.threads.at(other).sc).refills.front().time > at;
    });
    s.release_queue.insert(pos, t);
    s.threads.at(t).in_release_queue = true;
    s.reprogram = true;
}

void resume_sched_context(State& s, word sc) {
    word t = s.sched_contexts.at(sc).thread;
    if (schedulable(s, t) && !budget_ready(s, sc)) postpone(s, sc);
}

namespace {

// The longest period, in microseconds (seL4's MAX_PERIOD_US with KernelStaticMaxPeriodUs 0: an
// eighth of the ticks' range), and the latest release time a refill may have.
constexpr word max_period_us = ~word{0} / ticks_per_us / 8;
constexpr word max_release_time = ~word{0} - 5 * max_period_us * ticks_per_us;

// Used budget to come back at `used.time`: merged into the tail when they meet, else a new tail;
// with no room left, the tail takes it and starts earlier (seL4's schedule_used).
void schedule_used(SchedContext& c, Refill used) {
    Refill& tail = c.refills.back();
    if (tail.time + tail.amount >= used.time) {
        tail.amount += used.amount;
    } else if (c.refills.size() < c.max_refills) {
        c.refills.push_back(used);
    } else {
        tail.time = used.time - tail.amount;
        tail.amount += used.amount;
    }
}

// seL4's refill_budget_check: `usage` ticks charged to a sporadic context: whole head refills it
// covers come back a period after they started, a partial one is split, and the head gathers the
// next refills until it holds MIN_BUDGET.
void refill_budget_check(SchedContext& c, word usage) {
    while (c.refills.front().amount <= usage && c.refills.front().time < max_release_time) {
        Refill head = c.refills.front();
        usage -= head.amount;
        if (c.refills.size() == 1) {
            c.refills.front().time += c.period;
        } else {
            c.refills.pop_front();
            schedule_used(c, {head.time + c.period, head.amount});
        }
    }
    Refill head = c.refills.front();
    if (usage > 0 && head.time < max_release_time) {
        c.refills.front() = {head.time + usage, head.amount - usage};
        schedule_used(c, {head.time + c.period, usage});
    }
    while (c.refills.front().amount < min_budget) {
        Refill old = c.refills.front();
        c.refills.pop_front();
        c.refills.front().amount += old.amount;
        c.refills.front().time -= old.amount;
    }
}

}  // namespace

void charge_budget(State& s, word used, bool can_timeout_fault) {
    word sc = s.cur_sc;
    if (sc && s.sched_contexts.at(sc).max_refills) {
        SchedContext& c = s.sched_contexts.at(sc);
        if (c.period == 0) {  // round robin: the tail's time back to the head
            c.refills.front().amount += c.refills.back().amount;
            c.refills.back().amount = 0;
        } else {
            refill_budget_check(c, used);
        }
        c.consumed += used;
    }
    s.consumed_now = 0;
    word t = s.current;
    if (!t || !schedulable(s, t)) return;
    if (can_timeout_fault && s.sched_contexts.at(sc).period != 0 && valid_timeout_handler(s, t)) {
        handle_timeout(s, t);
    } else if (budget_ready(s, sc)) {
        sched_append(s, t);
    } else {
        postpone(s, sc);
    }
    reschedule_required(s);
    s.reprogram = true;
}

namespace {

// seL4's commitTime: the time used so far charged to the current scheduling context, which
// goes on running: round robin moves it from the head to the tail.
void commit_time(State& s) {
    word sc = s.cur_sc;
    if (sc && s.sched_contexts.at(sc).max_refills) {
        SchedContext& c = s.sched_contexts.at(sc);
        if (s.consumed_now > 0 && c.period == 0) {
            c.refills.front().amount -= s.consumed_now;
            c.refills.back().amount += s.consumed_now;
        } else if (s.consumed_now > 0) {
            refill_budget_check(c, s.consumed_now);
        }
        c.consumed += s.consumed_now;
    }
    s.consumed_now = 0;
}

// The clock runs on `ticks`; true when it reaches the timer's deadline, which is then spent.
bool clock_reaches_deadline(State& s, word ticks) {
    s.clock += ticks;
    if (s.clock < s.deadline) return false;
    s.deadline = ~word{0};
    return true;
}

// seL4's updateTimestamp: the clock read, the time since the last entry used. Time that passes
// while the kernel runs and reaches the deadline raises the timer's interrupt, pending until a
// preemption point or the return to user mode takes it.
void update_timestamp(State& s) {
    if (s.time_per_read && clock_reaches_deadline(s, s.time_per_read)) s.interrupt_pending = true;
    s.consumed_now += s.clock - s.time;
    s.time = s.clock;
}

// seL4's checkBudget: the current scheduling context's time slice ends when its head refill no
// longer holds MIN_BUDGET beyond the time used, with a timeout fault if it may.
bool check_budget(State& s) {
    if (!s.cur_sc || refill_sufficient(s, s.cur_sc, s.consumed_now)) return true;
    charge_budget(s, s.consumed_now, true);
    return false;
}

// seL4's refill_unblock_check: a sporadic context's ready head refill starts now, merged with
// the refills it overlaps.
void refill_unblock_check(State& s, word sc) {
    SchedContext& c = s.sched_contexts.at(sc);
    if (c.period == 0 || !refill_ready(s, sc)) return;
    c.refills.front().time = s.time;
    s.reprogram = true;
    while (c.refills.size() > 1 && c.refills[1].time <= c.refills[0].time + c.refills[0].amount) {
        Refill old = c.refills.front();
        c.refills.pop_front();
        c.refills.front().time = old.time;
        c.refills.front().amount += old.amount;
    }
}

// seL4's setNextInterrupt: the end of the running thread's head refill (the idle thread's: a
// boot budget) or the next release, whichever comes first, less the timer's precision.
void set_next_interrupt(State& s) {
    word at = s.time + (s.current ? s.sched_contexts.at(s.threads.at(s.current).sc).refills.front().amount : boot_budget);
    if (!s.release_queue.empty()) {
        word release = s.sched_contexts.at(s.threads.at(s.release_queue.front()).sc).refills.front().time;
        at = std::min(at, release);
    }
    s.deadline = at - timer_precision;
}

}  // namespace

bool budget_for_entry(State& s) {
    update_timestamp(s);
    if (check_budget(s)) return true;
    if (s.current && runnable(s.threads.at(s.current).state)) set_thread_state(s, s.current, ThreadState::Restart);
    return false;
}

void timer_interrupt_entry(State& s) {
    update_timestamp(s);
    check_budget(s);
}

bool pass_time(State& s, word ticks) {
    if (!clock_reaches_deadline(s, ticks)) return false;
    timer_interrupt_entry(s);
    timer_tick(s);
    return true;
}

void awaken(State& s) {
    while (!s.release_queue.empty() && refill_ready(s, s.threads.at(s.release_queue.front()).sc)) {
        word t = s.release_queue.front();
        remove_from_release_queue(s, t);
        possible_switch_to(s, t);
    }
}

void switch_sched_context(State& s) {
    word sc = s.current ? s.threads.at(s.current).sc : 0;
    if (sc != s.cur_sc) {
        s.reprogram = true;
        if (sc && !s.sched_contexts.at(sc).sporadic) refill_unblock_check(s, sc);
    }
    if (s.reprogram) commit_time(s);
    s.cur_sc = sc;
    if (!s.reprogram) return;
    set_next_interrupt(s);
    s.reprogram = false;
}

void unblock_check_sporadic(State& s, word sc) {
    if (sc && s.sched_contexts.at(sc).sporadic && sc != s.cur_sc) refill_unblock_check(s, sc);
}

void do_reply_transfer_mcs(State& s, word sender, word reply, bool grant) {
    word receiver = s.replies.at(reply).thread;
    if (!receiver || s.threads.at(receiver).state != ThreadState::BlockedOnReply) return;
    reply_remove(s, reply);
    unblock_check_sporadic(s, s.threads.at(receiver).sc);
    FaultType fault = s.threads.at(receiver).fault.type;
    if (fault == FaultType::Null) {
        transfer_reply_message(s, sender, receiver, grant);
        set_thread_state(s, receiver, ThreadState::Running);
    } else {
        bool restart = handle_fault_reply(s, receiver, sender);
        s.threads.at(receiver).fault = Fault{};
        set_thread_state(s, receiver, restart ? ThreadState::Restart : ThreadState::Inactive);
    }
    const Thread& r = s.threads.at(receiver);
    if (!r.sc || !runnable(r.state)) return;
    if (budget_ready(s, r.sc)) {
        possible_switch_to(s, receiver);
    } else if (valid_timeout_handler(s, receiver) && fault != FaultType::Timeout) {
        handle_timeout(s, receiver);
    } else {
        postpone(s, r.sc);
    }
}

namespace {
void set_consumed(State& s, word sc, word thread, bool reply);
}  // namespace

void complete_yield_to(State& s, word yielder) {
    word sc = s.threads.at(yielder).yield_to;
    if (!sc) return;
    set_consumed(s, sc, yielder, true);
    s.sched_contexts.at(sc).yield_from = 0;
    s.threads.at(yielder).yield_to = 0;
}

// seL4's schedContext_bindTCB: the thread runs on `sc` (its head refill ready, time standing
// still) and is queued if it can run.
void bind_thread(State& s, word sc, word t) {
    s.sched_contexts.at(sc).thread = t;
    s.threads.at(t).sc = sc;
    unblock_check_sporadic(s, sc);
    resume_sched_context(s, sc);
    if (!schedulable(s, t)) return;
    sched_enqueue(s, t);
    reschedule_required(s);
}

// seL4's schedContext_unbindTCB.
void unbind_thread(State& s, word sc) {
    word t = s.sched_contexts.at(sc).thread;
    if (t == s.current) reschedule_required(s);
    sched_dequeue(s, t);
    remove_from_release_queue(s, t);
    s.threads.at(t).sc = 0;
    s.sched_contexts.at(sc).thread = 0;
}

void unbind_notification_sched_context(State& s, word ntfn) {
    word sc = s.notifications.at(ntfn).sc;
    if (!sc) return;
    s.sched_contexts.at(sc).notification = 0;
    s.notifications.at(ntfn).sc = 0;
}

bool blocked(ThreadState st) {
    return st == ThreadState::BlockedOnReceive || st == ThreadState::BlockedOnSend ||
           st == ThreadState::BlockedOnNotification || st == ThreadState::BlockedOnReply;
}

namespace {

// MCS's generic labels for scheduling control and contexts (classic has none).
enum SchedLabel : word { ConfigureFlags = 33, Bind = 34, Unbind = 35, UnbindObject = 36, Consumed = 37, YieldTo = 38 };

// seL4's schedContext_unbindReply: the call stack loses its head.
void unbind_reply(State& s, word sc) {
    SchedContext& c = s.sched_contexts.at(sc);
    if (!c.reply) return;
    s.replies.at(c.reply).head_of = 0;
    c.reply = 0;
}

// Bind and UnbindObject name a thread or a notification as extra cap 0.
SyscallError bind(State& s, const Invocation& inv, word sc) {
    if (inv.extra.empty()) return truncated();
    const Cap cap = slot_at(s, inv.extra[0]).cap;
    const SchedContext& c = s.sched_contexts.at(sc);
    if (cap.type == CapType::Notification) {
        if (c.notification || s.notifications.at(cap.object).sc) return illegal();
        set_thread_state(s, inv.thread, ThreadState::Restart);
        s.sched_contexts.at(sc).notification = cap.object;
        s.notifications.at(cap.object).sc = sc;
        return ok();
    }
    if (cap.type != CapType::Thread) return invalid_cap(1);
    if (c.thread || s.threads.at(cap.object).sc) return illegal();
    if (blocked(s.threads.at(cap.object).state) && !(c.max_refills && refill_ready(s, sc))) return illegal();
    set_thread_state(s, inv.thread, ThreadState::Restart);
    bind_thread(s, sc, cap.object);
    return ok();
}

SyscallError unbind_object(State& s, const Invocation& inv, word sc) {
    if (inv.extra.empty()) return truncated();
    const Cap cap = slot_at(s, inv.extra[0]).cap;
    if (cap.type == CapType::Notification) {
        if (s.sched_contexts.at(sc).notification != cap.object) return illegal();
        set_thread_state(s, inv.thread, ThreadState::Restart);
        unbind_notification_sched_context(s, cap.object);
        return ok();
    }
    if (cap.type != CapType::Thread) return invalid_cap(1);
    word t = s.sched_contexts.at(sc).thread;
    if (t != cap.object || t == s.current) return illegal();
    set_thread_state(s, inv.thread, ThreadState::Restart);
    unbind_thread(s, sc);
    return ok();
}

// Unbind: the thread, the notification and the call stack.
SyscallError unbind(State& s, const Invocation& inv, word sc) {
    word t = s.sched_contexts.at(sc).thread;
    if (t && t == s.current) return illegal();
    set_thread_state(s, inv.thread, ThreadState::Restart);
    if (t) unbind_thread(s, sc);
    if (word ntfn = s.sched_contexts.at(sc).notification) unbind_notification_sched_context(s, ntfn);
    unbind_reply(s, sc);
    return ok();
}

// seL4's setConsumed: the time taken, and told in a one-word reply when `reply`.
void set_consumed(State& s, word sc, word thread, bool reply) {
    word us = take_consumed_us(s, sc);
    if (!reply) return;
    Thread& t = s.threads.at(thread);
    t.regs[badge_register] = 0;
    word n = set_mr(s, t, ipc_buffer(t, true), 0, us);
    t.regs[info_register] = MessageInfo{0, 0, 0, n}.to_word();
}

SyscallError consumed(State& s, const Invocation& inv, word sc) {
    set_consumed(s, sc, inv.thread, inv.call);
    set_thread_state(s, inv.thread, ThreadState::Running);
    return ok();
}

// The yielder is answered at once when `sc`'s thread cannot run or has a lower priority (which
// only goes to the front of its queue); else it waits behind that thread, answered when it runs
// again (seL4's invokeSchedContext_YieldTo).
void yield_to(State& s, const Invocation& inv, word sc) {
    SchedContext& c = s.sched_contexts.at(sc);
    if (c.yield_from) complete_yield_to(s, c.yield_from);
    word t = c.thread, self = inv.thread;
    bool now = !schedulable(s, t) || s.threads.at(t).priority < s.threads.at(self).priority;
    if (now) {
        if (schedulable(s, t)) {
            sched_dequeue(s, t);
            sched_enqueue(s, t);
        }
        set_consumed(s, sc, self, inv.call);
        set_thread_state(s, self, ThreadState::Running);
        return;
    }
    s.threads.at(self).yield_to = sc;
    c.yield_from = self;
    sched_dequeue(s, t);
    sched_enqueue(s, self);
    sched_enqueue(s, t);
    reschedule_required(s);
}

SyscallError decode_yield_to(State& s, const Invocation& inv, word sc) {
    word t = s.sched_contexts.at(sc).thread;
    const Thread& self = s.threads.at(inv.thread);
    if (!t || t == inv.thread || s.threads.at(t).priority > self.mcp || self.yield_to) return illegal();
    set_thread_state(s, inv.thread, ThreadState::Restart);
    yield_to(s, inv, sc);
    return ok();
}

}  // namespace

namespace {

// seL4's refill_new: the whole budget available now; round robin (period 0) keeps the time used
// in an empty tail.
void refill_new(State& s, SchedContext& c, word max_refills, word budget, word period) {
    c.period = period;
    c.max_refills = max_refills;
    c.refills = {{s.time, budget}};
    if (period == 0) c.refills.push_back({s.time, 0});
}

// seL4's refill_update, for a context in use: the head alone kept (its time now if it is due),
// trimmed to the new budget, or the rest of the budget a period later.
void refill_update(State& s, SchedContext& c, word period, word budget, word max_refills) {
    Refill head = c.refills.front();
    c.max_refills = max_refills;
    c.period = period;
    if (head.time <= s.time) head.time = s.time;
    if (head.amount >= budget) {
        c.refills = {{head.time, budget}};
        if (period == 0) c.refills.push_back({head.time, 0});
    } else {
        c.refills = {head, {head.time + period, budget - head.amount}};
    }
}

// seL4's invokeSchedControl_ConfigureFlags: the time used so far charged first when `sc` is the
// current scheduling context.
void configure(State& s, word sc, word budget, word period, word max_refills, word badge, word flags) {
    SchedContext& c = s.sched_contexts.at(sc);
    word t = c.thread;
    if (t) {
        remove_from_release_queue(s, t);
        sched_dequeue(s, t);
        if (sc == s.cur_sc) commit_time(s);
    }
    if (budget == period) {
        refill_new(s, c, min_refills, budget, 0);
    } else if (c.max_refills && t && runnable(s.threads.at(t).state)) {
        refill_update(s, c, period, budget, max_refills);
    } else {
        refill_new(s, c, max_refills, budget, period);
    }
    if (t) {
        resume_sched_context(s, sc);
        if (runnable(s.threads.at(t).state) && t != s.current) possible_switch_to(s, t);
        if (t == s.current) reschedule_required(s);
    }
    c.badge = badge;
    c.sporadic = flags & 1;
}

}  // namespace

// SchedControl_ConfigureFlags: budget and period in microseconds, extra refills, badge, flags.
SyscallError decode_sched_control(State& s, const Invocation& inv) {
    if (inv.label != ConfigureFlags) return illegal();
    if (inv.extra.empty() || inv.words.size() < 5) return truncated();
    const auto& w = inv.words;
    if (w[0] > max_period_us || w[1] > max_period_us) return error(Error::RangeError, min_budget_us, max_period_us);
    word budget = w[0] * ticks_per_us, period = w[1] * ticks_per_us;
    if (budget < min_budget || period < min_budget) return error(Error::RangeError, min_budget_us, max_period_us);
    if (budget > period) return error(Error::RangeError, min_budget_us, w[1]);
    const Cap target = slot_at(s, inv.extra[0]).cap;
    if (target.type != CapType::SchedContext) return invalid_cap(1);
    word max_refills = ((word{1} << target.bits) - core_sched_context_bytes) / refill_bytes;
    if (w[2] > max_refills - min_refills) return error(Error::RangeError, 0, max_refills - min_refills);
    set_thread_state(s, inv.thread, ThreadState::Restart);
    configure(s, target.object, budget, period, w[2] + min_refills, w[3], w[4]);
    return ok();
}

SyscallError decode_sched_context(State& s, const Invocation& inv, SlotRef slot) {
    word sc = slot_at(s, slot).cap.object;
    switch (inv.label) {
    case Consumed: return consumed(s, inv, sc);
    case Bind: return bind(s, inv, sc);
    case UnbindObject: return unbind_object(s, inv, sc);
    case Unbind: return unbind(s, inv, sc);
    case YieldTo: return decode_yield_to(s, inv, sc);
    default: return illegal();
    }
}

// seL4's finaliseCap of the last cap to a reply object: the caller waiting on it stops waiting
// (reply_remove: the stack popped at its head, else cut), a receiver waiting with it stops
// receiving (cancelIPC).
void finalise_reply(State& s, word reply) {
    word t = s.replies.at(reply).thread;
    if (!t) return;
    if (s.threads.at(t).state == ThreadState::BlockedOnReply) {
        reply_remove(s, reply);
    } else {
        cancel_ipc(s, t);
    }
}

// The thread is unbound from `sc` and a thread yielding to `sc` is answered (what deleting
// either does: schedContext_unbindTCB, schedContext_completeYieldTo).
void unbind_thread_and_yielder(State& s, word sc) {
    if (s.sched_contexts.at(sc).thread) unbind_thread(s, sc);
    if (word yielder = s.sched_contexts.at(sc).yield_from) complete_yield_to(s, yielder);
}

// seL4's finaliseCap of the last cap to a scheduling context: unbound from its thread, its
// notification and its call stack, its yielder answered, and no longer configured (refill_max
// 0: no refills to charge; the time a current context used since is dropped, mcsPreemptionPoint).
void finalise_sched_context(State& s, word sc) {
    unbind_thread_and_yielder(s, sc);
    SchedContext& c = s.sched_contexts.at(sc);
    if (c.notification) unbind_notification_sched_context(s, c.notification);
    unbind_reply(s, sc);
    c.max_refills = 0;
    c.sporadic = false;
    c.refills.clear();
}

void unbind_deleted_thread(State& s, word thread) {
    if (word sc = s.threads.at(thread).sc) unbind_thread_and_yielder(s, sc);
}

bool budget_preempts(State& s) {
    update_timestamp(s);
    return s.cur_sc && !(s.sched_contexts.at(s.cur_sc).max_refills && refill_sufficient(s, s.cur_sc, s.consumed_now));
}

void preempted_time(State& s) {
    if (s.current && schedulable(s, s.current)) {
        check_budget(s);
    } else if (s.cur_sc && s.sched_contexts.at(s.cur_sc).max_refills) {
        charge_budget(s, s.consumed_now, false);
    } else {
        s.consumed_now = 0;
    }
}

}  // namespace spec
