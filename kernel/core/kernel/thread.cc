// The current thread; suspending, restarting and reprioritising threads.
#include "kernel/thread.h"
#include "kernel/ipc.h"
#include "kernel/sched.h"
#include "kernel/sched_time.h"
#include "object/endpoint.h"

namespace core {
Tcb* running_thread = nullptr;

void activate_thread(Tcb& t) {
    if constexpr (config::kernel_mcs) complete_yield_to(t);
    if (t.state != ThreadState::Restart) return;
    arch::resume_at_restart_pc(t.context);
    t.state = ThreadState::Running;
}

bool is_stopped(const Tcb& t) {
    switch (t.state) {
    case ThreadState::Inactive:
    case ThreadState::BlockedOnReceive:
    case ThreadState::BlockedOnSend:
    case ThreadState::BlockedOnNotification:
    case ThreadState::BlockedOnReply: return true;
    default: return false;
    }
}

bool is_blocked(const Tcb& t) { return t.state != ThreadState::Inactive && is_stopped(t); }

void suspend(Tcb& t) {
    cancel_ipc(t);
    if (t.state == ThreadState::Running) arch::update_restart_pc(t.context);
    sched_dequeue(t);
    if constexpr (config::kernel_mcs) {
        release_remove(t);
        cancel_yield_to(t);
    }
    set_thread_state(t, ThreadState::Inactive);
}

void restart(Tcb& t) {
    if (!is_stopped(t)) return;
    cancel_ipc(t);
    if constexpr (config::kernel_mcs) return restart_with_budget(t);
    setup_reply_master(t);
    set_thread_state(t, ThreadState::Restart);
    sched_enqueue(t);
    possible_switch_to(t);
}

void set_priority(Tcb& t, u8 priority) {
    sched_dequeue(t);
    t.priority = priority;
    if (!t.is_runnable()) return;
    if (&t == running_thread) {
        reschedule_required();
    } else {
        possible_switch_to(t);
    }
}

void set_domain(Tcb& t, word domain) {
    sched_dequeue(t);
    t.domain = domain;
    if (t.is_runnable()) sched_enqueue(t);
    if (&t == running_thread) reschedule_required();
}

}  // namespace core
