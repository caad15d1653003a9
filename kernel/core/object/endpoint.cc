// Endpoints and notifications.
#include "object/endpoint.h"
#include "arch/context.h"
#include "kernel/ipc.h"
#include "kernel/sched.h"
#include "kernel/sched_time.h"
#include "kernel/user_error.h"
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

// A Call completes its send phase: the caller waits for the reply, or stops if it cannot be
// given a reply cap (no grant rights) or, on MCS, the receiver gave no reply object.
void after_call(Tcb& caller, Tcb& receiver, bool can_grant, bool can_grant_reply, bool reply_can_grant, Reply* reply) {
    if (!can_grant && !can_grant_reply) {
        set_thread_state(caller, ThreadState::Inactive);
    } else if (!config::kernel_mcs) {
        setup_caller_cap(caller, receiver, reply_can_grant);
    } else if (reply) {
        push_reply(caller, *reply);
    } else {
        set_thread_state(caller, ThreadState::Inactive);
    }
}

// MCS: the reply object a receiver waited with, unlinked from it (nullptr on classic).
Reply* take_reply(Tcb& receiver) {
    Reply* r = receiver.reply;
    if (!config::kernel_mcs || !r) return nullptr;
    r->tcb = nullptr;
    receiver.reply = nullptr;
    return r;
}

void restart_queued(TcbQueue& q) {
    while (!q.empty()) {
        Tcb& t = q.pop_head();
        set_thread_state(t, ThreadState::Restart);
        sched_enqueue(t);
    }
}

}  // namespace

void send_ipc(bool blocking, bool do_call, word badge, bool can_grant, bool can_grant_reply, Tcb& thread, Endpoint& ep) {
    if (ep.state() != EpState::Recv) {
        if (!blocking) return;
        thread.blocking_badge = badge;
        thread.blocking_can_grant = can_grant;
        thread.blocking_can_grant_reply = can_grant_reply;
        thread.blocking_is_call = do_call;
        block(thread, ThreadState::BlockedOnSend, &ep);
        ep.queue.append(thread, static_cast<u8>(EpState::Send));
        return;
    }
    Tcb& dest = ep.queue.pop_head();
    if (ep.queue.empty()) ep.set_state(EpState::Idle);
    do_ipc_transfer(thread, &ep, badge, can_grant, dest);
    bool reply_can_grant = dest.blocking_can_grant;
    Reply* reply = take_reply(dest);
    wake(dest);
    if (do_call) after_call(thread, dest, can_grant, can_grant_reply, reply_can_grant, reply);
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
    if (ep.state() != EpState::Send) {
        if (!blocking) {
            arch::badge_register(thread.context) = 0;  // seL4's doNBRecvFailedTransfer
            return;
        }
        thread.blocking_can_grant = ep_cap.can_grant();
        block(thread, ThreadState::BlockedOnReceive, &ep);
        if (reply) link_reply(thread, *reply);
        ep.queue.append(thread, static_cast<u8>(EpState::Recv));
        return;
    }
    Tcb& sender = ep.queue.pop_head();
    if (ep.queue.empty()) ep.set_state(EpState::Idle);
    do_ipc_transfer(sender, &ep, sender.blocking_badge, sender.blocking_can_grant, thread);
    if (sender.blocking_is_call) {
        after_call(sender, thread, sender.blocking_can_grant, sender.blocking_can_grant_reply, ep_cap.can_grant(),
                   reply);
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
            set_thread_state(*t, ThreadState::Restart);
            sched_enqueue(*t);
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
            arch::badge_register(t->context) = badge;
            wake(*t);
            return;
        }
        n.message = badge;
        n.set_state(NtfnState::Active);
        return;
    }
    case NtfnState::Waiting: {
        Tcb& dest = n.queue.pop_head();
        if (n.queue.empty()) n.set_state(NtfnState::Idle);
        arch::badge_register(dest.context) = badge;
        wake(dest);
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
    n.queue.append(thread, static_cast<u8>(NtfnState::Waiting));
}

void complete_signal(Notification& n, Tcb& t) {
    arch::badge_register(t.context) = n.message;
    n.set_state(NtfnState::Idle);
}

void cancel_all_signals(Notification& n) {
    if (n.state() != NtfnState::Waiting) return;
    restart_queued(n.queue);
    n.set_state(NtfnState::Idle);
    reschedule_required();
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
