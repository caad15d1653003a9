// The scheduler.
#include "kernel/sched.h"
#include "arch/calling.h"
#include "kernel/sched_time.h"
#include "kernel/thread.h"
#include "object/domain.h"
#include "object/sched_context.h"

namespace core {
namespace {

struct Queue {
    Tcb* head = nullptr;
    Tcb* tail = nullptr;
};

// The ready threads of one domain: a queue per priority, and which priorities have one in two
// levels as seL4's ksReadyQueuesL1Bitmap and L2: bit p % 64 of words[p / 64], and bit p / 64 of
// levels when that word is not zero.
struct ReadyQueues {
    Queue queue[num_priorities];
    u64 words[num_priorities / 64] = {};
    u64 levels = 0;
};
// One set per domain, as seL4's ksReadyQueues[domain][priority]: the scheduler chooses only from
// the current domain's.
ReadyQueues ready[config::num_domains];

// `t`'s domain's, and the current domain's (with one domain, both are the only set: no lookup).
ReadyQueues& ready_of(const Tcb& t) {
    if constexpr (config::num_domains > 1) return ready[t.domain];
    return ready[0];
}
ReadyQueues& current_ready() {
    if constexpr (config::num_domains > 1) return ready[current_domain()];
    return ready[0];
}

enum class Action : u8 { ResumeCurrent, ChooseNew, SwitchTo };
Action action = Action::ResumeCurrent;
Tcb* switch_candidate = nullptr;

void mark_ready(ReadyQueues& r, unsigned prio) {
    r.words[prio / 64] |= bit(prio % 64);
    r.levels |= bit(prio / 64);
}

void mark_empty(ReadyQueues& r, unsigned prio) {
    u64& w = r.words[prio / 64];
    w &= ~bit(prio % 64);
    if (!w) r.levels &= ~bit(prio / 64);
}

// Takes the first thread of the current domain's highest priority that has one, or returns nullptr.
Tcb* take_highest_ready() {
    int prio = highest_ready_priority();
    if (prio < 0) return nullptr;
    ReadyQueues& r = current_ready();
    Queue& q = r.queue[prio];
    Tcb* t = q.head;
    q.head = t->sched_next;
    if (q.head) {
        q.head->sched_prev = nullptr;
    } else {
        q.tail = nullptr;
        mark_empty(r, prio);
    }
    t->sched_next = nullptr;
    t->in_ready_queue = false;
    return t;
}

Tcb* choose_new_thread() {
    next_domain_if_expired();
    return take_highest_ready();
}

// MCS: the time used is charged and the timer set for the thread chosen (schedule's last steps).
Tcb* scheduled(Tcb* next) {
    if constexpr (config::kernel_mcs) switch_sched_context(next);
    return next;
}

// MCS: only a thread with a configured scheduling context, not waiting in the release queue, is
// queued. Every thread is, on classic.
bool schedulable(const Tcb& t) { return !config::kernel_mcs || has_released_budget(t); }

}  // namespace

bool is_schedulable(const Tcb& t) { return t.is_runnable() && schedulable(t); }

void init_scheduler() {
    for (ReadyQueues& r : ready) {  // member by member: a ReadyQueues{} would be 4 KiB of stack
        for (Queue& q : r.queue) q = Queue{};
        for (u64& w : r.words) w = 0;
        r.levels = 0;
    }
    action = Action::ResumeCurrent;
    switch_candidate = nullptr;
    vm_root_reload_required();  // the first thread to run has none loaded
}

[[ARCH_PRESERVE_MOST]] int highest_ready_priority() {
    const ReadyQueues& r = current_ready();
    if (!r.levels) return -1;
    int i = 63 - __builtin_clzll(r.levels);
    return i * 64 + 63 - __builtin_clzll(r.words[i]);
}

void sched_enqueue(Tcb& t) {
    if (t.in_ready_queue || !schedulable(t)) return;
    ReadyQueues& r = ready_of(t);
    Queue& q = r.queue[t.priority];
    t.sched_prev = nullptr;
    t.sched_next = q.head;
    if (q.head) q.head->sched_prev = &t;
    else q.tail = &t;
    q.head = &t;
    t.in_ready_queue = true;
    mark_ready(r, t.priority);
}

void sched_append(Tcb& t) {
    if (t.in_ready_queue || !schedulable(t)) return;
    ReadyQueues& r = ready_of(t);
    Queue& q = r.queue[t.priority];
    t.sched_next = nullptr;
    t.sched_prev = q.tail;
    if (q.tail) q.tail->sched_next = &t;
    else q.head = &t;
    q.tail = &t;
    t.in_ready_queue = true;
    mark_ready(r, t.priority);
}

void sched_dequeue(Tcb& t) {
    if (!t.in_ready_queue) return;
    ReadyQueues& r = ready_of(t);
    Queue& q = r.queue[t.priority];
    if (t.sched_prev) t.sched_prev->sched_next = t.sched_next;
    else q.head = t.sched_next;
    if (t.sched_next) t.sched_next->sched_prev = t.sched_prev;
    else q.tail = t.sched_prev;
    t.sched_next = t.sched_prev = nullptr;
    t.in_ready_queue = false;
    if (!q.head) mark_empty(r, t.priority);
}

// A switch candidate is set exactly when the action is SwitchTo (possible_switch_to).
void reschedule_required() {
    if (action == Action::SwitchTo) sched_enqueue(*switch_candidate);
    action = Action::ChooseNew;
    switch_candidate = nullptr;
}

bool is_switch_candidate(const Tcb& t) { return action == Action::SwitchTo && switch_candidate == &t; }

void set_thread_state(Tcb& t, ThreadState s) {
    t.state = s;
    if (&t == current_thread() && action == Action::ResumeCurrent && !is_schedulable(t)) reschedule_required();
    if (!t.is_runnable()) sched_dequeue(t);
}

void possible_switch_to(Tcb& t) {
    if (!schedulable(t)) return;
    if (t.domain != current_domain()) {
        sched_enqueue(t);
    } else if (action != Action::ResumeCurrent) {
        reschedule_required();
        sched_enqueue(t);
    } else {
        action = Action::SwitchTo;
        switch_candidate = &t;
    }
}

namespace {
void time_slice_tick(Tcb& cur) {
    if (cur.time_slice == 0) cur.time_slice = time_slice_ticks;
    if (--cur.time_slice > 0) return;
    sched_append(cur);
    reschedule_required();
}
}  // namespace

// seL4's handleYield puts the thread at the back of its queue and has the scheduler choose. When
// no thread of its domain (the current one) is ready at its priority or above, the choice is the
// thread itself and the queues end as they began, so it runs on without the round trip through
// them. (The domain's time is never used up at a system call: the exit that used it up chose
// from the next domain. The address space and FPU state are set up again on every exit anyway.)
// MCS: the thread's whole head refill is used up instead (yield_budget).
void yield(Tcb& t) {
    if constexpr (config::kernel_mcs) return yield_budget();
    if (highest_ready_priority() < static_cast<int>(t.priority)) {
        vm_root_reload_required();  // seL4 switches to `t` again, loading its address space
        return;
    }
    sched_dequeue(t);
    sched_append(t);
    reschedule_required();
}

void timer_tick() {
    if constexpr (config::kernel_mcs) return deadline_reached();  // MCS: a one-shot deadline, not a tick
    Tcb* cur = current_thread();
    if (cur && cur->state == ThreadState::Running) time_slice_tick(*cur);
    domain_tick();
}

Tcb* schedule() {
    if constexpr (config::kernel_mcs) {
        awaken();
        if constexpr (config::num_domains > 1) check_domain_time();
    }
    Tcb* cur = current_thread();
    if (action == Action::ResumeCurrent && cur && is_schedulable(*cur)) return scheduled(cur);
    vm_root_reload_required();  // seL4's switchToThread, even back to `cur`
    bool was_runnable = cur && is_schedulable(*cur);
    if (was_runnable) sched_enqueue(*cur);
    Tcb* next = nullptr;
    if (action == Action::SwitchTo) {
        Tcb& c = *switch_candidate;
        bool fast_fail = !cur || c.priority < cur->priority;
        if (fast_fail && highest_ready_priority() > static_cast<int>(c.priority)) {
            sched_enqueue(c);
            next = choose_new_thread();
        } else if (was_runnable && c.priority == cur->priority) {
            sched_append(c);
            next = choose_new_thread();
        } else {
            sched_dequeue(c);
            next = &c;
        }
    } else {
        next = choose_new_thread();
    }
    action = Action::ResumeCurrent;
    switch_candidate = nullptr;
    set_current_thread(next);
    return scheduled(next);
}

}  // namespace core
