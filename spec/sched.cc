// The scheduler (seL4's, with one domain): a FIFO queue per priority, the running thread outside
// the queues, and a scheduler action decided lazily. MCS queues only threads that can be
// scheduled: runnable, with a configured scheduling context, not waiting for its release.
#include <algorithm>
#include "ops.h"

namespace spec {

bool runnable(ThreadState st) { return st == ThreadState::Running || st == ThreadState::Restart; }

bool schedulable(const State& s, word t) {
    const Thread& th = s.threads.at(t);
    if (!runnable(th.state)) return false;
    if constexpr (!config::kernel_mcs) return true;
    return th.sc && s.sched_contexts.at(th.sc).max_refills && !th.in_release_queue;
}

namespace {

std::deque<word>& queue_of(State& s, word t) { return s.ready[s.threads.at(t).priority]; }

}  // namespace

bool in_ready_queue(const State& s, word t) {
    const auto& q = s.ready[s.threads.at(t).priority];
    return std::find(q.begin(), q.end(), t) != q.end();
}

void sched_enqueue(State& s, word t) {
    if (!in_ready_queue(s, t)) queue_of(s, t).push_front(t);
}

void sched_append(State& s, word t) {
    if (!in_ready_queue(s, t)) queue_of(s, t).push_back(t);
}

void sched_dequeue(State& s, word t) {
    auto& q = queue_of(s, t);
    q.erase(std::remove(q.begin(), q.end(), t), q.end());
}

void reschedule_required(State& s) {
    if (s.action == SchedAction::SwitchTo) sched_enqueue(s, s.candidate);
    s.action = SchedAction::ChooseNew;
    s.candidate = 0;
}

void set_thread_state(State& s, word t, ThreadState st) {
    s.threads.at(t).state = st;
    if (t == s.current && s.action == SchedAction::ResumeCurrent && !schedulable(s, t)) reschedule_required(s);
}

void possible_switch_to(State& s, word t) {
    if constexpr (config::kernel_mcs) {
        if (!s.threads.at(t).sc || s.threads.at(t).in_release_queue) return;
    }
    if (s.threads.at(t).domain != s.current_domain) {
        sched_enqueue(s, t);
        return;
    }
    if (s.action != SchedAction::ResumeCurrent) {
        reschedule_required(s);
        sched_enqueue(s, t);
        return;
    }
    s.action = SchedAction::SwitchTo;
    s.candidate = t;
}

void suspend(State& s, word t) {
    cancel_ipc(s, t);
    Thread& th = s.threads.at(t);
    if (th.state == ThreadState::Running) th.regs[FaultIP] = th.regs[NextIP];  // seL4's updateRestartPC
    set_thread_state(s, t, ThreadState::Inactive);
    sched_dequeue(s, t);
    if constexpr (config::kernel_mcs) {  // out of the release queue, its yield forgotten
        remove_from_release_queue(s, t);
        if (th.yield_to) {
            s.sched_contexts.at(th.yield_to).yield_from = 0;
            th.yield_to = 0;
        }
    }
}

void restart(State& s, word t) {
    switch (s.threads.at(t).state) {
    case ThreadState::Running: case ThreadState::Restart: return;
    default: break;
    }
    cancel_ipc(s, t);
    if constexpr (config::kernel_mcs) {  // queued only if it can run on its scheduling context
        set_thread_state(s, t, ThreadState::Restart);
        unblock_check_sporadic(s, s.threads.at(t).sc);
        if (word sc = s.threads.at(t).sc) resume_sched_context(s, sc);
        if (schedulable(s, t)) possible_switch_to(s, t);
        return;
    }
    setup_reply_master(s, t);
    set_thread_state(s, t, ThreadState::Restart);
    sched_enqueue(s, t);
    possible_switch_to(s, t);
}

void set_domain(State& s, word t, word domain) {
    sched_dequeue(s, t);
    s.threads.at(t).domain = domain;
    if (schedulable(s, t)) sched_enqueue(s, t);
    if (t == s.current) reschedule_required(s);
}

namespace {

// MCS's setPriority: a queued or current thread is queued again (at the head of its new
// priority) and the scheduler chooses again; a thread blocked on an endpoint or a notification
// takes its place in that queue again; any other only changes its priority.
[[maybe_unused]] void set_priority_mcs(State& s, word t, word priority) {
    Thread& th = s.threads.at(t);
    if (runnable(th.state) && (in_ready_queue(s, t) || t == s.current)) {
        sched_dequeue(s, t);
        th.priority = priority;
        sched_enqueue(s, t);
        reschedule_required(s);
        return;
    }
    th.priority = priority;
    if (blocked(th.state) && th.state != ThreadState::BlockedOnReply) reorder_blocked(s, t);
}

}  // namespace

void set_priority(State& s, word t, word priority) {
    if constexpr (config::kernel_mcs) {
        set_priority_mcs(s, t, priority);
        return;
    }
    sched_dequeue(s, t);
    s.threads.at(t).priority = priority;
    if (!runnable(s.threads.at(t).state)) return;
    if (t == s.current) {
        reschedule_required(s);
    } else {
        possible_switch_to(s, t);
    }
}

namespace {

int highest_ready_priority(const State& s) {
    for (int p = num_priorities - 1; p >= 0; p--) {
        if (!s.ready[p].empty()) return p;
    }
    return -1;
}

// The next entry of the domain schedule, back to the start after the last; work units start
// again. MCS: the new entry's end is a new deadline, so the time used so far is charged
// (seL4's nextDomain sets ksReprogram).
void next_domain(State& s) {
    s.schedule_index++;
    if (s.domain_schedule[s.schedule_index].duration == 0) s.schedule_index = s.schedule_start;
    if constexpr (config::kernel_mcs) s.reprogram = true;
    s.work_units = 0;
    s.current_domain = s.domain_schedule[s.schedule_index].domain;
    s.domain_time = s.domain_schedule[s.schedule_index].duration;
}

word choose_new_thread(State& s) {
    if (s.domain_time == 0) next_domain(s);
    int p = highest_ready_priority(s);
    if (p < 0) return 0;
    word t = s.ready[p].front();
    s.ready[p].pop_front();
    return t;
}

word choose_thread(State& s, bool was_runnable) {
    if (s.action == SchedAction::ChooseNew) return choose_new_thread(s);
    word c = s.candidate;
    const Thread& cand = s.threads.at(c);
    bool fast_fail = s.current == 0 || cand.priority < s.threads.at(s.current).priority;
    if (fast_fail && highest_ready_priority(s) > static_cast<int>(cand.priority)) {
        sched_enqueue(s, c);
        return choose_new_thread(s);
    }
    if (was_runnable && cand.priority == s.threads.at(s.current).priority) {
        sched_append(s, c);
        return choose_new_thread(s);
    }
    sched_dequeue(s, c);
    return c;
}

}  // namespace

// seL4's schedule() followed by activateThread(): a restarted thread resumes at its restart
// address.
void schedule(State& s) {
    if constexpr (config::kernel_mcs) awaken(s);
    if (s.action != SchedAction::ResumeCurrent) {
        bool was_runnable = s.current != 0 && schedulable(s, s.current);
        if (was_runnable) sched_enqueue(s, s.current);
        s.current = choose_thread(s, was_runnable);
        s.action = SchedAction::ResumeCurrent;
        s.candidate = 0;
    }
    if constexpr (config::kernel_mcs) switch_sched_context(s);
    if (s.current == 0) return;
    if constexpr (config::kernel_mcs) complete_yield_to(s, s.current);
    Thread& t = s.threads.at(s.current);
    if (t.state != ThreadState::Restart) return;
    t.regs[NextIP] = t.regs[FaultIP];
    t.state = ThreadState::Running;
}

// The timer: a running thread's time slice runs out after time_slice_ticks ticks and it goes
// to the back of its queue. (With a single domain, domain time is not counted.)
void timer_tick(State& s) {
    if constexpr (config::kernel_mcs) {
        s.reprogram = true;  // handleInterrupt's IRQTimer: a one-shot deadline, set again at the exit
        return;
    }
    if (s.current == 0) return;
    Thread& t = s.threads.at(s.current);
    if (t.state != ThreadState::Running) return;
    if (t.time_slice > 1) {
        t.time_slice--;
        return;
    }
    t.time_slice = time_slice_ticks;
    sched_append(s, s.current);
    reschedule_required(s);
}

}  // namespace spec
