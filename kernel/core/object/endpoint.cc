// Endpoints and notifications.
#include "object/endpoint.h"
#include "arch/context.h"
#include "kernel/ipc.h"
#include "kernel/sched.h"
#include "kernel/thread.h"
#include "kernel/sched_time.h"
#include "kernel/user_error.h"
#include "object/reply.h"
#include "object/sched_context.h"

namespace core {

namespace {

void block(Tcb& t, ThreadState s, void* object) {
    t.blocking_object = object;
    set_thread_state(t, s);
}

// MCS: a sporadic scheduling context's ready head refill starts now (seL4's refill_unblock_check
// in sendIPC, receiveIPC and sendSignal).
void wake(Tcb& t) {
    set_thread_state(t, ThreadState::Running);
    if constexpr (config::kernel_mcs) unblock_check_sporadic(t.sched_context);
    possible_switch_to(t);
}

// Classic: a Call completes its send phase: the caller waits for the reply, or stops if it cannot
// be given a reply cap (no grant rights).
void after_call(Tcb& caller, Tcb& receiver, bool can_grant, bool can_grant_reply, bool reply_can_grant) {
    if (!can_grant && !can_grant_reply) {
        set_thread_state(caller, ThreadState::Inactive);
    } else {
        setup_caller_cap(caller, receiver, reply_can_grant);
    }
}

// MCS: a Call (or a fault) reached `callee`: the caller waits on the reply object the callee
// received with, donating its scheduling context with `can_donate`; without grant rights
// (`can_reply`) or a reply object it stops.
void wait_for_reply(Tcb& caller, Tcb& callee, Reply* reply, bool can_reply, bool can_donate) {
    if (reply && can_reply) {
        push_reply(caller, callee, *reply, can_donate);
    } else {
        set_thread_state(caller, ThreadState::Inactive);
    }
}

// MCS: the reply object a receiver waited with, unlinked from it.
Reply* take_reply(Tcb& receiver) {
    Reply* r = receiver.reply;
    if (!r) return nullptr;
    r->tcb = nullptr;
    receiver.reply = nullptr;
    return r;
}

// MCS: `sender`'s message reached `dest`, taken off the endpoint's queue (seL4's sendIPC). A Call
// (a fault too: Keel sends faults as calls) waits on dest's reply object; a Send that can donate
// gives a receiver without a scheduling context the sender's. Then dest runs.
void sent_to_receiver(Tcb& sender, Tcb& dest, bool do_call, bool can_reply, bool can_donate) {
    Reply* reply = take_reply(dest);
    if (do_call) {
        wait_for_reply(sender, dest, reply, can_reply, can_donate);
    } else if (can_donate && !dest.sched_context && sender.sched_context) {
        donate_sched_context(*sender.sched_context, dest);
    }
    wake(dest);
}

// MCS: a thread without a scheduling context woken by `n` runs on the one bound to `n`, if no
// other thread has it, and waits in the release queue unless its head refill is ready and
// sufficient (seL4's maybeDonateSchedContext: schedContext_donate, schedContext_resume). The
// refills are left as they are: only a sporadic one's ready head refill starts now, once the
// thread is woken (wake, complete_signal).
void lend_notification_sched_context(Tcb& t, Notification& n) {
    SchedContext* sc = notification_sched_context(n);
    if (t.sched_context || !sc || sc->tcb) return;
    donate_sched_context(*sc, t);
    if constexpr (config::kernel_mcs) resume_sched_context(sc);
}

// MCS: a thread about to wait gives back the scheduling context `n` lent it, so that it waits
// passive (seL4's maybeReturnSchedContext).
void return_notification_sched_context(Notification& n, Tcb& t) {
    SchedContext* sc = notification_sched_context(n);
    if (sc && sc == t.sched_context) unbind_sched_context(*sc);
}

// Wakes `t` with a signal from `n`: on MCS a passive `t` may run on `n`'s scheduling context, once
// its budget is released (seL4's sendSignal: Running first, so that schedContext_resume sees a
// runnable thread and postpones it if the budget is not there).
void wake_by_signal(Tcb& t, Notification& n, word badge) {
    arch::badge_register(t.context) = badge;
    if (config::kernel_mcs) {
        set_thread_state(t, ThreadState::Running);
        lend_notification_sched_context(t, n);
    }
    wake(t);
}

// A thread taken off a queue by cancelling restarts its system call. MCS: a receiver lets go of
// its reply object first, and a thread sending a fault stops (seL4's removeAndRestartEPQueuedThread).
void restart_cancelled(Tcb& t) {
    if (config::kernel_mcs && t.reply) unlink_reply(*t.reply);
    if (config::kernel_mcs && t.fault.type != FaultType::Null) {
        set_thread_state(t, ThreadState::Inactive);
        return;
    }
    set_thread_state(t, ThreadState::Restart);
    if constexpr (config::kernel_mcs) {
        unblock_check_sporadic(t.sched_context);  // seL4's restart_thread_if_no_fault
        possible_switch_to(t);
    } else {
        sched_enqueue(t);
    }
}

void restart_queued(TcbQueue& q) {
    while (!q.empty()) restart_cancelled(q.pop_head());
}

}  // namespace

namespace {
// Inlined into send_ipc and send_ipc_donating: classic's send passes no donation flag.
[[gnu::always_inline]] inline void send_ipc_with(bool blocking, bool do_call, word badge, bool can_grant,
                                                 bool can_grant_reply, Tcb& thread, Endpoint& ep, bool can_donate) {
    if (ep.state() != EpState::Recv) {
        if (!blocking) return;
        thread.blocking_badge = badge;
        thread.blocking_can_grant = can_grant;
        thread.blocking_can_grant_reply = can_grant_reply;
        thread.blocking_is_call = do_call;
        block(thread, ThreadState::BlockedOnSend, &ep);
        queue_blocked(ep.queue, thread, static_cast<u8>(EpState::Send));
        return;
    }
    Tcb& dest = ep.queue.pop_head();
    if (ep.queue.empty()) ep.set_state(EpState::Idle);
    do_ipc_transfer(thread, &ep, badge, can_grant, dest);
    if (config::kernel_mcs) {
        sent_to_receiver(thread, dest, do_call, can_grant || can_grant_reply, can_donate);
        return;
    }
    bool reply_can_grant = dest.blocking_can_grant;
    wake(dest);
    if (do_call) after_call(thread, dest, can_grant, can_grant_reply, reply_can_grant);
}
}  // namespace

void send_ipc(bool blocking, bool do_call, word badge, bool can_grant, bool can_grant_reply, Tcb& thread, Endpoint& ep) {
    send_ipc_with(blocking, do_call, badge, can_grant, can_grant_reply, thread, ep, false);
}

void send_ipc_donating(bool blocking, bool do_call, word badge, bool can_grant, bool can_grant_reply, Tcb& thread,
                       Endpoint& ep) {
    send_ipc_with(blocking, do_call, badge, can_grant, can_grant_reply, thread, ep, true);
}

void receive_ipc(Tcb& thread, const Cap& ep_cap, bool blocking, Reply* reply) {
    auto& ep = *static_cast<Endpoint*>(ep_cap.ptr());
    if (reply && reply->tcb && reply->tcb != &thread) {
        user_error("Reply object already has unexecuted reply!");
        cancel_ipc(*reply->tcb);
    }
    Notification* bound = thread.bound_notification;
    if (bound && bound->state() == NtfnState::Active) {
        complete_signal(*bound, thread);
        return;
    }
    // MCS: a thread running on its bound notification's scheduling context waits passive.
    if (config::kernel_mcs && bound && blocking) return_notification_sched_context(*bound, thread);
    if (ep.state() != EpState::Send) {
        if (!blocking) {
            arch::badge_register(thread.context) = 0;  // seL4's doNBRecvFailedTransfer
            return;
        }
        thread.blocking_can_grant = ep_cap.can_grant();
        block(thread, ThreadState::BlockedOnReceive, &ep);
        if (reply) link_reply(thread, *reply);
        queue_blocked(ep.queue, thread, static_cast<u8>(EpState::Recv));
        return;
    }
    Tcb& sender = ep.queue.pop_head();
    if (ep.queue.empty()) ep.set_state(EpState::Idle);
    do_ipc_transfer(sender, &ep, sender.blocking_badge, sender.blocking_can_grant, thread);
    if constexpr (config::kernel_mcs) unblock_check_sporadic(sender.sched_context);  // a call's sender too
    if (sender.blocking_is_call && config::kernel_mcs) {
        // seL4 donates for a fault too, but not for a timeout fault.
        wait_for_reply(sender, thread, reply, sender.blocking_can_grant || sender.blocking_can_grant_reply,
                       sender.sched_context != nullptr && sender.fault.type != FaultType::Timeout);
    } else if (sender.blocking_is_call) {
        after_call(sender, thread, sender.blocking_can_grant, sender.blocking_can_grant_reply, ep_cap.can_grant());
    } else {
        wake(sender);
    }
}

void cancel_ipc(Tcb& t) {
    if (config::kernel_mcs) t.fault = Fault{};  // MCS: cancelling IPC cancels every fault
    switch (t.state) {
    case ThreadState::BlockedOnSend:
    case ThreadState::BlockedOnReceive: {
        auto& ep = *static_cast<Endpoint*>(t.blocking_object);
        ep.queue.remove(t);
        if (ep.queue.empty()) ep.set_state(EpState::Idle);
        if (config::kernel_mcs && t.reply) unlink_reply(*t.reply);  // only a receiver holds one
        set_thread_state(t, ThreadState::Inactive);
        return;
    }
    case ThreadState::BlockedOnNotification: {
        auto& n = *static_cast<Notification*>(t.blocking_object);
        n.queue.remove(t);
        if (n.queue.empty()) n.set_state(NtfnState::Idle);
        set_thread_state(t, ThreadState::Inactive);
        return;
    }
    case ThreadState::BlockedOnReply: cancel_reply(t); return;
    default: return;
    }
}

void cancel_all_ipc(Endpoint& ep) {
    if (ep.state() == EpState::Idle) return;
    restart_queued(ep.queue);
    ep.set_state(EpState::Idle);
    reschedule_required();
}

void cancel_badged_sends(Endpoint& ep, word badge) {
    if (ep.state() != EpState::Send) return;
    for (Tcb* t = ep.queue.head(); t;) {
        Tcb* next = t->ep_next;
        if (t->blocking_badge == badge) {
            ep.queue.remove(*t);
            restart_cancelled(*t);
        }
        t = next;
    }
    if (ep.queue.empty()) ep.set_state(EpState::Idle);
    reschedule_required();
}

void send_signal(Notification& n, word badge) {
    switch (n.state()) {
    case NtfnState::Idle: {
        Tcb* t = n.bound_tcb;
        if (t && t->state == ThreadState::BlockedOnReceive) {
            cancel_ipc(*t);
            wake_by_signal(*t, n, badge);
            return;
        }
        n.message = badge;
        n.set_state(NtfnState::Active);
        return;
    }
    case NtfnState::Waiting: {
        Tcb& dest = n.queue.pop_head();
        if (n.queue.empty()) n.set_state(NtfnState::Idle);
        wake_by_signal(dest, n, badge);
        return;
    }
    case NtfnState::Active: n.message |= badge; return;
    }
}

void receive_signal(Tcb& thread, const Cap& ntfn_cap, bool blocking) {
    auto& n = *static_cast<Notification*>(ntfn_cap.ptr());
    if (n.state() == NtfnState::Active) {
        complete_signal(n, thread);
        return;
    }
    if (!blocking) {
        arch::badge_register(thread.context) = 0;
        return;
    }
    block(thread, ThreadState::BlockedOnNotification, &n);
    queue_blocked(n.queue, thread, static_cast<u8>(NtfnState::Waiting));
    if (config::kernel_mcs) return_notification_sched_context(n, thread);
}

// MCS: a passive thread that takes the signal, in Wait or in Recv with `n` bound, runs on `n`'s
// scheduling context, a sporadic one's ready head refill starting now (seL4's receiveSignal and
// completeSignal: maybeDonateSchedContext, then refill_unblock_check).
void complete_signal(Notification& n, Tcb& t) {
    arch::badge_register(t.context) = n.message;
    n.set_state(NtfnState::Idle);
    if constexpr (config::kernel_mcs) {
        lend_notification_sched_context(t, n);
        unblock_check_sporadic(t.sched_context);
    }
}

void cancel_all_signals(Notification& n) {
    if (n.state() != NtfnState::Waiting) return;
    restart_queued(n.queue);
    n.set_state(NtfnState::Idle);
    reschedule_required();
}

void requeue_by_priority(Tcb& t) {
    TcbQueue& q = t.state == ThreadState::BlockedOnNotification ? static_cast<Notification*>(t.blocking_object)->queue
                                                                 : static_cast<Endpoint*>(t.blocking_object)->queue;
    q.remove(t);
    q.insert_by_priority(t, q.state());
}

void bind_notification(Tcb& t, Notification& n) {
    n.bound_tcb = &t;
    t.bound_notification = &n;
}

void unbind_notification(Tcb& t) {
    if (!t.bound_notification) return;
    t.bound_notification->bound_tcb = nullptr;
    t.bound_notification = nullptr;
}

void unbind_maybe_notification(Notification& n) {
    if (n.bound_tcb) unbind_notification(*n.bound_tcb);
}

void finalise_notification(Notification& n) {
    unbind_maybe_notification(n);
    if (config::kernel_mcs && notification_sched_context(n)) unbind_sched_context_notification(*notification_sched_context(n));
    cancel_all_signals(n);
}

}  // namespace core
