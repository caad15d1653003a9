// Invariants of the kernel core's state after any system call: the derivation tree (from the
// root CNode), and every TCB's state agreeing with the ready queues and the endpoint and
// notification queues. For the fuzzer and the spec driver; each returns why it fails, or nullptr.
#pragma once
#include "cspace/invariants.h"
#include "kernel/sched_time.h"
#include "kernel/thread.h"
#include "object/endpoint.h"
#include "object/reply.h"
#include "object/tcb.h"

inline bool in_queue(const core::TcbQueue& q, const core::Tcb& t) {
    for (const core::Tcb* p = q.head(); p; p = p->ep_next) {
        if (p == &t) return true;
    }
    return false;
}

inline const core::Slot& tcb_slot(const core::Tcb& t, core::TcbSlot s) { return t.slots[static_cast<unsigned>(s)]; }

// What the fastpath assumes of reply caps: a thread that has run has its master reply cap, one
// that waits for no reply has no reply cap, and a Caller slot holds nothing (always while its
// thread waits to receive) or a reply cap right after its caller's master reply cap.
inline const char* check_reply_caps(const core::Tcb& t) {
    using core::ThreadState;
    const core::Cap master = core::Cap::reply(const_cast<core::Tcb*>(&t), true, true);
    if (t.state != ThreadState::Inactive && !(tcb_slot(t, core::TcbSlot::Reply).cap == master)) {
        return "a thread that has run lacks its master reply cap";
    }
    if (t.state != ThreadState::BlockedOnReply && tcb_slot(t, core::TcbSlot::Reply).mdb.next()) {
        return "a thread that waits for no reply has a reply cap";
    }
    const core::Slot& reply = tcb_slot(t, core::TcbSlot::Caller);
    if (reply.cap.raw0() == 0) {
        bool links = reply.mdb.prev() || reply.mdb.next() || reply.mdb.revocable() || reply.mdb.first_badged();
        if (reply.cap.raw1() != 0 || links) return "an empty Caller slot is not all zero";
        return nullptr;
    }
    if (t.state == ThreadState::BlockedOnReceive) return "a thread waiting to receive holds a reply cap";
    if (reply.cap.type() != core::CapType::Reply || reply.cap.reply_master()) return "a Caller slot holds other than a reply cap";
    auto& caller = *static_cast<const core::Tcb*>(reply.cap.ptr());
    const core::Slot& caller_master = tcb_slot(caller, core::TcbSlot::Reply);
    if (reply.mdb.prev() != &caller_master || caller_master.mdb.next() != &reply || reply.mdb.next()) {
        return "a reply cap is not its caller's master's only child";
    }
    return nullptr;
}

inline const char* check_thread_invariants(const core::Tcb& t, const core::Tcb* current) {
    using core::ThreadState;
    if (&t == current && t.in_ready_queue) return "the current thread is in a ready queue";
    // MCS queues a runnable thread only with a configured scheduling context not waiting for its
    // release, and keeps no reply caps in TCBs (check_donation_invariants checks its reply objects).
    bool queued = t.is_runnable() && (!config::kernel_mcs || core::has_released_budget(t));
    if (&t != current && queued && !t.in_ready_queue) return "a runnable thread is not in a ready queue";
    if (!queued && t.in_ready_queue) return "a blocked thread is in a ready queue";
    if (const char* why = config::kernel_mcs ? nullptr : check_reply_caps(t)) return why;
    if (t.state == ThreadState::BlockedOnSend || t.state == ThreadState::BlockedOnReceive) {
        auto& ep = *static_cast<const core::Endpoint*>(t.blocking_object);
        auto want = t.state == ThreadState::BlockedOnSend ? core::EpState::Send : core::EpState::Recv;
        if (ep.state() != want || !in_queue(ep.queue, t)) return "a blocked thread is not queued on its endpoint";
    }
    if (t.state == ThreadState::BlockedOnNotification) {
        auto& n = *static_cast<const core::Notification*>(t.blocking_object);
        if (n.state() != core::NtfnState::Waiting || !in_queue(n.queue, t)) return "a waiting thread is not queued";
    }
    return nullptr;
}

inline const char* check_kernel_invariants(const core::Slot* root, word slots) {
    if (const char* why = core::check_cspace_invariants(root, slots)) return why;
    for (core::Tcb* t = core::debug_first_tcb(); t; t = t->debug_next) {
        if (const char* why = check_thread_invariants(*t, core::current_thread())) return why;
    }
    if constexpr (config::kernel_mcs) return core::check_donation_invariants();
    return nullptr;
}
