// Invariants of the kernel core's state after any system call: the derivation tree (from the
// root CNode), and every TCB's state agreeing with the ready queues and the endpoint and
// notification queues. For the fuzzer and the spec driver; each returns why it fails, or nullptr.
#pragma once
#include "cspace/invariants.h"
#include "kernel/thread.h"
#include "object/endpoint.h"
#include "object/tcb.h"

inline bool in_queue(const core::TcbQueue& q, const core::Tcb& t) {
    for (const core::Tcb* p = q.head(); p; p = p->ep_next) {
        if (p == &t) return true;
    }
    return false;
}

inline const char* check_thread_invariants(const core::Tcb& t, const core::Tcb* current) {
    using core::ThreadState;
    if (&t == current && t.in_ready_queue) return "the current thread is in a ready queue";
    if (&t != current && t.is_runnable() && !t.in_ready_queue) return "a runnable thread is not in a ready queue";
    if (!t.is_runnable() && t.in_ready_queue) return "a blocked thread is in a ready queue";
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
    return nullptr;
}
