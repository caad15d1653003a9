// Endpoints, notifications, message transfer, reply caps and fault delivery (seL4's endpoint.c,
// notification.c, ipc transfer in thread.c, faulthandler.c). What MCS does differently is under
// config::kernel_mcs: queues ordered by priority, reply objects instead of reply caps (mcs.cc).
#include <algorithm>
#include <span>
#include "ops.h"

namespace spec {

namespace {

void remove_from(std::deque<word>& q, word t) { q.erase(std::remove(q.begin(), q.end(), t), q.end()); }

// A blocked thread joins a queue: at the end, or on MCS after the last thread of its priority or
// a higher one (seL4's tcbAppend).
void enqueue_blocked(const State& s, std::deque<word>& q, word t) {
    if constexpr (!config::kernel_mcs) {
        q.push_back(t);
        return;
    }
    word p = s.threads.at(t).priority;
    auto at = q.end();
    while (at != q.begin() && s.threads.at(*(at - 1)).priority < p) --at;
    q.insert(at, t);
}

word pop_head(std::deque<word>& q) {
    word t = q.front();
    q.pop_front();
    return t;
}

// The empty slot the receiver's IPC buffer names for a received cap (seL4's getReceiveSlots).
std::optional<SlotRef> receive_slot(State& s, Thread& receiver, word buffer) {
    LookupResult root = lookup_slot(s, receiver, load(s, buffer + 8 * receive_cnode_word));
    if (!root.ok) return std::nullopt;
    Cap cnode = slot_at(s, root.value.slot).cap;
    SlotResult r = lookup_slot_for_cnode_op(s, false, cnode, load(s, buffer + 8 * (receive_cnode_word + 1)),
                                            load(s, buffer + 8 * (receive_cnode_word + 2)));
    if (failed(r.error) || slot_at(s, r.slot).cap.type != CapType::Null) return std::nullopt;
    return r.slot;
}

// The sender's extra caps, or none at all when any of them cannot be looked up.
std::vector<SlotRef> sender_caps(State& s, const Thread& sender, std::optional<word> buffer, const MessageInfo& info) {
    std::vector<SlotRef> caps;
    if (!buffer) return caps;
    for (word i = 0; i < info.extra; i++) {
        LookupResult r = lookup_slot(s, sender, load(s, *buffer + 8 * (caps_or_badges_word + i)));
        if (!r.ok) return {};
        caps.push_back(r.value.slot);
    }
    return caps;
}

// Caps to the receiving endpoint itself arrive as their badges; the first other cap goes to the
// receive slot; the transfer stops at the first cap that cannot be sent.
MessageInfo transfer_caps(State& s, MessageInfo info, const std::vector<SlotRef>& caps, std::optional<word> ep, Thread& receiver,
                   std::optional<word> buffer) {
    info.extra = 0;
    info.unwrapped = 0;
    if (caps.empty() || !buffer) return info;
    std::optional<SlotRef> dest = receive_slot(s, receiver, *buffer);
    word i = 0;
    for (; i < caps.size(); i++) {
        Cap cap = slot_at(s, caps[i]).cap;
        if (cap.type == CapType::Endpoint && ep && cap.object == *ep) {
            store(s, *buffer + 8 * (caps_or_badges_word + i), cap.badge);
            info.unwrapped |= word{1} << i;
            continue;
        }
        if (!dest) break;
        CapResult d = derive_cap(s, caps[i], cap);
        if (failed(d.error) || d.cap.type == CapType::Null) break;
        cte_insert(s, d.cap, caps[i], *dest);
        dest.reset();
    }
    info.extra = i;
    return info;
}

void do_normal_transfer(State& s, word sender, std::optional<word> ep, word badge, bool grant, word receiver,
                        std::optional<word> recv_buf) {
    Thread& from = s.threads.at(sender);
    Thread& to = s.threads.at(receiver);
    std::optional<word> send_buf = ipc_buffer(from, false);
    MessageInfo info = MessageInfo::of(from.regs[info_register]);
    std::vector<SlotRef> caps = grant ? sender_caps(s, from, send_buf, info) : std::vector<SlotRef>{};
    word sent = 0;
    for (; sent < info.length && sent < fast_message_registers; sent++) {
        to.regs[msg_registers[sent]] = from.regs[msg_registers[sent]];
    }
    if (send_buf && recv_buf) {
        for (; sent < info.length; sent++) store(s, *recv_buf + 8 * (sent + 1), load(s, *send_buf + 8 * (sent + 1)));
    }
    info = transfer_caps(s, info, caps, ep, to, recv_buf);
    info.length = sent;
    to.regs[info_register] = info.to_word();
    to.regs[badge_register] = badge;
}

unsigned set_lookup_failure(State& s, Thread& t, std::optional<word> buf, unsigned at, const LookupFault& f) {
    unsigned n = set_mr(s, t, buf, at, static_cast<word>(f.kind) + 1);
    switch (f.kind) {
    case LookupKind::InvalidRoot: return n;
    case LookupKind::MissingCapability: return set_mr(s, t, buf, at + 1, f.bits_left);
    case LookupKind::DepthMismatch:
        set_mr(s, t, buf, at + 1, f.bits_left);
        return set_mr(s, t, buf, at + 2, f.bits_found);
    case LookupKind::GuardMismatch:
        set_mr(s, t, buf, at + 1, f.bits_left);
        set_mr(s, t, buf, at + 2, f.guard_found);
        return set_mr(s, t, buf, at + 3, f.bits_found);
    }
    return n;
}

unsigned set_fault_message(State& s, const Thread& sender, Thread& to, std::optional<word> buf) {
    const Fault& f = sender.fault;
    switch (f.type) {
    case FaultType::CapFault:
        set_mr(s, to, buf, 0, sender.regs[FaultIP]);
        set_mr(s, to, buf, 1, f.address);
        set_mr(s, to, buf, 2, f.in_receive_phase);
        return set_lookup_failure(s, to, buf, 3, f.lookup);
    case FaultType::UnknownSyscall: {
        unsigned i = 0;
        for (Reg r : syscall_message) set_mr(s, to, buf, i++, sender.regs[r]);
        return set_mr(s, to, buf, i, f.address);
    }
    case FaultType::Timeout: {  // the scheduling context's badge, and the time it used
        unsigned n = set_mr(s, to, buf, 0, f.address);
        return sender.sc ? set_mr(s, to, buf, 1, take_consumed_us(s, sender.sc)) : n;
    }
    case FaultType::VMFault:
        set_mr(s, to, buf, 0, sender.regs[FaultIP]);
        set_mr(s, to, buf, 1, f.address);
        set_mr(s, to, buf, 2, 0);  // never an instruction fetch: the driver only loads and stores
        return set_mr(s, to, buf, 3, f.fsr);
    default: return 0;  // the model raises no other faults
    }
}

void do_fault_transfer(State& s, word badge, word sender, word receiver, std::optional<word> recv_buf) {
    Thread& to = s.threads.at(receiver);
    unsigned sent = set_fault_message(s, s.threads.at(sender), to, recv_buf);
    to.regs[info_register] = MessageInfo{static_cast<word>(s.threads.at(sender).fault.type), 0, 0, sent}.to_word();
    to.regs[badge_register] = badge;
}

void do_ipc_transfer(State& s, word sender, std::optional<word> ep, word badge, bool grant, word receiver) {
    std::optional<word> recv_buf = ipc_buffer(s.threads.at(receiver), true);
    if (s.threads.at(sender).fault.type == FaultType::Null) {
        do_normal_transfer(s, sender, ep, badge, grant, receiver, recv_buf);
    } else {
        do_fault_transfer(s, badge, sender, receiver, recv_buf);
    }
}

}  // namespace

// The registers a fault handler's reply rewrites; true when the thread is to restart.
bool handle_fault_reply(State& s, word receiver, word sender) {
    Thread& to = s.threads.at(receiver);
    const Thread& from = s.threads.at(sender);
    MessageInfo info = MessageInfo::of(from.regs[info_register]);
    std::span<const Reg> regs;  // the faults with registers to rewrite here
    if (to.fault.type == FaultType::UnknownSyscall) {
        regs = syscall_message;
    } else if (to.fault.type == FaultType::Timeout) {
        regs = timeout_message;
    } else {
        return true;
    }
    word n = std::min<word>(regs.size(), info.length);
    word i = 0;
    for (; i < n && i < fast_message_registers; i++) {
        to.regs[regs[i]] = sanitise_register(regs[i], from.regs[msg_registers[i]]);
    }
    std::optional<word> buf = ipc_buffer(from, false);
    if (buf) {
        for (; i < n; i++) to.regs[regs[i]] = sanitise_register(regs[i], load(s, *buf + 8 * (i + 1)));
    }
    return info.label == 0;
}

namespace {

void delete_one(State& s, SlotRef r) { empty_slot(s, r); }  // reply caps need no finalisation

void setup_caller_cap(State& s, word sender, word receiver, bool can_grant) {
    set_thread_state(s, sender, ThreadState::BlockedOnReply);
    SlotRef caller{receiver, CallerSlot};
    Cap reply{.type = CapType::Reply, .object = sender, .grant = can_grant};
    cte_insert(s, reply, {sender, ReplySlot}, caller);
}

void block(State& s, word t, ThreadState st, word object) {
    s.threads.at(t).blocking_object = object;
    set_thread_state(s, t, st);
}

void wake(State& s, word t) {
    set_thread_state(s, t, ThreadState::Running);
    possible_switch_to(s, t);
}

void after_call(State& s, word caller, word receiver, bool grant, bool grant_reply, bool reply_can_grant) {
    if (grant || grant_reply) {
        setup_caller_cap(s, caller, receiver, reply_can_grant);
    } else {
        set_thread_state(s, caller, ThreadState::Inactive);
    }
}

// MCS: a thread without a scheduling context woken by `ntfn` runs on the one bound to it, if no
// other thread has it, waiting for its release if its budget is not ready (seL4's
// maybeDonateSchedContext: schedContext_donate, schedContext_resume).
[[maybe_unused]] void maybe_donate_sched_context(State& s, word t, word ntfn) {
    word sc = s.notifications.at(ntfn).sc;
    if (s.threads.at(t).sc || !sc || s.sched_contexts.at(sc).thread) return;
    donate_sched_context(s, sc, t);
    resume_sched_context(s, sc);
}

// MCS: a thread about to wait gives back the scheduling context `ntfn` lent it, and so waits
// passive (seL4's maybeReturnSchedContext: no queue to leave, the thread is the current one).
void maybe_return_sched_context(State& s, word ntfn, word t) {
    word sc = s.notifications.at(ntfn).sc;
    if (!sc || s.threads.at(t).sc != sc) return;
    s.threads.at(t).sc = 0;
    s.sched_contexts.at(sc).thread = 0;
    if (t == s.current) reschedule_required(s);
}

// The thread takes the signal's word; on MCS it may run on the notification's scheduling context,
// a sporadic one's ready head refill starting now (seL4's completeSignal).
void complete_signal(State& s, word ntfn, word t) {
    Notification& n = s.notifications.at(ntfn);
    s.threads.at(t).regs[badge_register] = n.message;
    n.state = NtfnState::Idle;
    if constexpr (config::kernel_mcs) {
        maybe_donate_sched_context(s, t, ntfn);
        unblock_check_sporadic(s, s.threads.at(t).sc);
    }
}

// A signal wakes `t` (taken off the notification's queue or its bound endpoint's): on MCS a
// passive `t` may run on the notification's scheduling context; it runs if it can be scheduled.
void wake_by_signal(State& s, word ntfn, word t, word badge) {
    set_thread_state(s, t, ThreadState::Running);
    s.threads.at(t).regs[badge_register] = badge;
    if constexpr (config::kernel_mcs) maybe_donate_sched_context(s, t, ntfn);
    if (schedulable(s, t)) possible_switch_to(s, t);
    if constexpr (config::kernel_mcs) unblock_check_sporadic(s, s.threads.at(t).sc);
}

// A thread cancelled off a queue runs its system call again. MCS: a receiver lets go of its
// reply object, and is queued as a woken thread is (possibleSwitchTo, once a sporadic context
// is unblock-checked); from an endpoint, a thread holding a fault stops instead (seL4's
// removeAndRestartEPQueuedThread and restart_thread_if_no_fault; removeAndRestartNTFNQueuedThread
// looks at no fault).
void restart_cancelled(State& s, word t, bool if_no_fault) {
    if constexpr (config::kernel_mcs) {
        if (word reply = s.threads.at(t).reply) reply_unlink(s, reply);
        if (if_no_fault && s.threads.at(t).fault.type != FaultType::Null) {
            set_thread_state(s, t, ThreadState::Inactive);
            return;
        }
        set_thread_state(s, t, ThreadState::Restart);
        unblock_check_sporadic(s, s.threads.at(t).sc);
        possible_switch_to(s, t);
        return;
    }
    set_thread_state(s, t, ThreadState::Restart);
    sched_enqueue(s, t);
}

void restart_all(State& s, std::deque<word> queue, bool if_no_fault) {
    for (word t : queue) restart_cancelled(s, t, if_no_fault);
}

}  // namespace

namespace {

// MCS: the receiver `dest` of a send is no longer linked to its reply object; a call (or a fault)
// waits on that object, donating the caller's scheduling context if it may; a send that may donate
// gives a passive receiver the sender's for good; the receiver runs.
[[maybe_unused]] void after_send_mcs(State& s, bool call, bool grant, bool grant_reply, bool can_donate, word thread, word dest) {
    word reply = s.threads.at(dest).reply;
    if (reply) reply_unlink(s, reply);
    if (call || s.threads.at(thread).fault.type != FaultType::Null) {
        if (reply && (grant || grant_reply)) {
            reply_push(s, thread, dest, reply, can_donate);
        } else {
            set_thread_state(s, thread, ThreadState::Inactive);
        }
    } else if (can_donate && !s.threads.at(dest).sc && s.threads.at(thread).sc) {
        donate_sched_context(s, s.threads.at(thread).sc, dest);
    }
    set_thread_state(s, dest, ThreadState::Running);
    unblock_check_sporadic(s, s.threads.at(dest).sc);
    possible_switch_to(s, dest);
}

}  // namespace

void send_ipc(State& s, bool blocking, bool call, word badge, bool grant, bool grant_reply, bool can_donate, word thread,
              word ep) {
    Endpoint& e = s.endpoints.at(ep);
    if (e.state != EpState::Recv) {
        if (!blocking) return;
        Thread& t = s.threads.at(thread);
        t.blocking_badge = badge;
        t.blocking_grant = grant;
        t.blocking_grant_reply = grant_reply;
        t.blocking_call = call;
        block(s, thread, ThreadState::BlockedOnSend, ep);
        enqueue_blocked(s, e.queue, thread);
        e.state = EpState::Send;
        return;
    }
    word dest = pop_head(e.queue);
    if (e.queue.empty()) e.state = EpState::Idle;
    do_ipc_transfer(s, thread, ep, badge, grant, dest);
    if constexpr (config::kernel_mcs) {
        after_send_mcs(s, call, grant, grant_reply, can_donate, thread, dest);
        return;
    }
    bool reply_can_grant = s.threads.at(dest).blocking_grant;
    wake(s, dest);
    // (Only MCS kernels also treat a sender still holding a fault as a caller.)
    if (call) after_call(s, thread, dest, grant, grant_reply, reply_can_grant);
}

namespace {

// MCS: a sender found waiting: a caller (or a faulting thread) waits on the receiver's reply
// object, donating its scheduling context unless it has none or sent a timeout fault; another
// sender runs on.
[[maybe_unused]] void receive_from_mcs(State& s, word sender, word thread, word reply) {
    const Thread& from = s.threads.at(sender);
    unblock_check_sporadic(s, from.sc);
    if (from.blocking_call || from.fault.type != FaultType::Null) {
        if ((from.blocking_grant || from.blocking_grant_reply) && reply) {
            reply_push(s, sender, thread, reply, from.sc && from.fault.type != FaultType::Timeout);
        } else {
            set_thread_state(s, sender, ThreadState::Inactive);
        }
        return;
    }
    wake(s, sender);
}

}  // namespace

void receive_ipc(State& s, word thread, const Cap& ep_cap, bool blocking, word reply) {
    if (reply) {  // "Reply object already has unexecuted reply!"
        word holder = s.replies.at(reply).thread;
        if (holder && holder != thread) cancel_ipc(s, holder);
    }
    Thread& t = s.threads.at(thread);
    if (t.bound_notification && s.notifications.at(t.bound_notification).state == NtfnState::Active) {
        complete_signal(s, t.bound_notification, thread);
        return;
    }
    // MCS: a thread running on its bound notification's scheduling context waits passive.
    if (config::kernel_mcs && t.bound_notification && blocking) maybe_return_sched_context(s, t.bound_notification, thread);
    Endpoint& e = s.endpoints.at(ep_cap.object);
    if (e.state != EpState::Send) {
        if (!blocking) {
            t.regs[badge_register] = 0;  // seL4's doNBRecvFailedTransfer
            return;
        }
        if constexpr (config::kernel_mcs) {
            t.reply = reply;
            if (reply) s.replies.at(reply).thread = thread;
        } else {
            t.blocking_grant = ep_cap.grant;
        }
        block(s, thread, ThreadState::BlockedOnReceive, ep_cap.object);
        enqueue_blocked(s, e.queue, thread);
        e.state = EpState::Recv;
        return;
    }
    word sender = pop_head(e.queue);
    if (e.queue.empty()) e.state = EpState::Idle;
    Thread& from = s.threads.at(sender);
    do_ipc_transfer(s, sender, ep_cap.object, from.blocking_badge, from.blocking_grant, thread);
    if constexpr (config::kernel_mcs) {
        receive_from_mcs(s, sender, thread, reply);
        return;
    }
    if (from.blocking_call) {
        after_call(s, sender, thread, from.blocking_grant, from.blocking_grant_reply, ep_cap.grant);
    } else {
        wake(s, sender);
    }
}

void send_signal(State& s, word ntfn, word badge) {
    Notification& n = s.notifications.at(ntfn);
    switch (n.state) {
    case NtfnState::Idle:
        if (n.bound_tcb && s.threads.at(n.bound_tcb).state == ThreadState::BlockedOnReceive) {
            word t = n.bound_tcb;
            cancel_ipc(s, t);
            wake_by_signal(s, ntfn, t, badge);
            return;
        }
        n.message = badge;
        n.state = NtfnState::Active;
        return;
    case NtfnState::Waiting: {
        word dest = pop_head(n.queue);
        if (n.queue.empty()) n.state = NtfnState::Idle;
        wake_by_signal(s, ntfn, dest, badge);
        return;
    }
    case NtfnState::Active: n.message |= badge; return;
    }
}

void receive_signal(State& s, word thread, const Cap& ntfn_cap, bool blocking) {
    Notification& n = s.notifications.at(ntfn_cap.object);
    if (n.state == NtfnState::Active) {
        complete_signal(s, ntfn_cap.object, thread);
        return;
    }
    if (!blocking) {
        s.threads.at(thread).regs[badge_register] = 0;
        return;
    }
    block(s, thread, ThreadState::BlockedOnNotification, ntfn_cap.object);
    enqueue_blocked(s, n.queue, thread);
    n.state = NtfnState::Waiting;
    if constexpr (config::kernel_mcs) maybe_return_sched_context(s, ntfn_cap.object, thread);
}

void cancel_ipc(State& s, word thread) {
    Thread& t = s.threads.at(thread);
    if constexpr (config::kernel_mcs) t.fault = Fault{};
    switch (t.state) {
    case ThreadState::BlockedOnSend:
    case ThreadState::BlockedOnReceive: {
        Endpoint& e = s.endpoints.at(t.blocking_object);
        remove_from(e.queue, thread);
        if (e.queue.empty()) e.state = EpState::Idle;
        if (config::kernel_mcs && t.state == ThreadState::BlockedOnReceive && t.reply) reply_unlink(s, t.reply);
        set_thread_state(s, thread, ThreadState::Inactive);
        return;
    }
    case ThreadState::BlockedOnNotification: {
        Notification& n = s.notifications.at(t.blocking_object);
        remove_from(n.queue, thread);
        if (n.queue.empty()) n.state = NtfnState::Idle;
        set_thread_state(s, thread, ThreadState::Inactive);
        return;
    }
    case ThreadState::BlockedOnReply: {
        if constexpr (config::kernel_mcs) {
            reply_remove_tcb(s, thread);
            return;
        }
        t.fault = Fault{};
        const Slot& master = t.slots[ReplySlot];
        if (!master.children.empty()) delete_one(s, master.children.front());
        return;
    }
    default: return;
    }
}

void cancel_all_ipc(State& s, word ep) {
    Endpoint& e = s.endpoints.at(ep);
    if (e.state == EpState::Idle) return;
    std::deque<word> queue = std::move(e.queue);
    e.queue.clear();
    e.state = EpState::Idle;
    restart_all(s, queue, true);
    reschedule_required(s);
}

void cancel_all_signals(State& s, word ntfn) {
    Notification& n = s.notifications.at(ntfn);
    if (n.state != NtfnState::Waiting) return;
    std::deque<word> queue = std::move(n.queue);
    n.queue.clear();
    n.state = NtfnState::Idle;
    restart_all(s, queue, false);
    reschedule_required(s);
}

void cancel_badged_sends(State& s, word ep, word badge) {
    Endpoint& e = s.endpoints.at(ep);
    if (e.state != EpState::Send) return;
    std::deque<word> queue = e.queue;
    for (word t : queue) {
        if (s.threads.at(t).blocking_badge != badge) continue;
        remove_from(s.endpoints.at(ep).queue, t);
        restart_cancelled(s, t, true);
    }
    if (s.endpoints.at(ep).queue.empty()) s.endpoints.at(ep).state = EpState::Idle;
    reschedule_required(s);
}

void reorder_blocked(State& s, word thread) {
    const Thread& t = s.threads.at(thread);
    std::deque<word>& q = t.state == ThreadState::BlockedOnNotification ? s.notifications.at(t.blocking_object).queue
                                                                        : s.endpoints.at(t.blocking_object).queue;
    remove_from(q, thread);
    enqueue_blocked(s, q, thread);
}

void bind_notification(State& s, word thread, word ntfn) {
    s.notifications.at(ntfn).bound_tcb = thread;
    s.threads.at(thread).bound_notification = ntfn;
}

void unbind_notification(State& s, word thread) {
    Thread& t = s.threads.at(thread);
    if (!t.bound_notification) return;
    s.notifications.at(t.bound_notification).bound_tcb = 0;
    t.bound_notification = 0;
}

void unbind_maybe_notification(State& s, word ntfn) {
    if (word t = s.notifications.at(ntfn).bound_tcb) unbind_notification(s, t);
}

void setup_reply_master(State& s, word thread) {
    Slot& sl = s.threads.at(thread).slots[ReplySlot];
    if (sl.cap.type != CapType::Null) return;
    sl = Slot{};
    sl.cap = Cap{.type = CapType::Reply, .object = thread, .grant = true, .master = true};
    sl.original = true;
}

void delete_caller_cap(State& s, word thread) { delete_one(s, {thread, CallerSlot}); }

void transfer_reply_message(State& s, word sender, word receiver, bool grant) {
    do_ipc_transfer(s, sender, std::nullopt, 0, grant, receiver);
}

void do_reply_transfer(State& s, word sender, word receiver, SlotRef reply_slot, bool grant) {
    if (s.threads.at(receiver).fault.type == FaultType::Null) {
        do_ipc_transfer(s, sender, std::nullopt, 0, grant, receiver);
        delete_one(s, reply_slot);
        wake(s, receiver);
        return;
    }
    delete_one(s, reply_slot);
    bool restart = handle_fault_reply(s, receiver, sender);
    s.threads.at(receiver).fault = Fault{};
    if (restart) {
        set_thread_state(s, receiver, ThreadState::Restart);
        possible_switch_to(s, receiver);
    } else {
        set_thread_state(s, receiver, ThreadState::Inactive);
    }
}

// seL4's handleFault: the fault goes as a Call to the endpoint the thread's fault handler CPtr
// names (which needs Write, and Grant or GrantReply); without one the thread stops, its fault
// unrecorded.
void handle_fault(State& s, word thread, const Fault& f) {
    Thread& t = s.threads.at(thread);
    if constexpr (config::kernel_mcs) {  // the handler is a cap in the TCB, checked when it was set
        Cap h = t.slots[FaultHandlerSlot].cap;
        if (h.type == CapType::Endpoint) {
            t.fault = f;
            send_ipc(s, true, false, h.badge, h.grant, h.grant_reply, t.sc != 0, thread, h.object);
        } else {
            set_thread_state(s, thread, ThreadState::Inactive);
        }
        return;
    }
    LookupResult r = lookup_slot(s, t, t.fault_handler);
    if (r.ok) {
        Cap h = slot_at(s, r.value.slot).cap;
        if (h.type == CapType::Endpoint && h.write && (h.grant || h.grant_reply)) {
            t.fault = f;
            send_ipc(s, true, true, h.badge, h.grant, true, false, thread, h.object);
            return;
        }
    }
    set_thread_state(s, thread, ThreadState::Inactive);
}

void reply_error(State& s, word thread, const SyscallError& e) {
    Thread& t = s.threads.at(thread);
    std::optional<word> buf = ipc_buffer(t, true);
    t.regs[badge_register] = 0;
    unsigned n = 0;
    switch (e.code) {
    case Error::InvalidArgument: case Error::InvalidCapability: case Error::NotEnoughMemory:
        n = set_mr(s, t, buf, 0, e.a);
        break;
    case Error::RangeError:
        set_mr(s, t, buf, 0, e.a);
        n = set_mr(s, t, buf, 1, e.b);
        break;
    case Error::FailedLookup:
        set_mr(s, t, buf, 0, e.a ? 1 : 0);
        n = set_lookup_failure(s, t, buf, 1, e.lookup);
        break;
    default: break;
    }
    t.regs[info_register] = MessageInfo{static_cast<word>(e.code), 0, 0, n}.to_word();
}

void reply_success_empty(State& s, word thread) {
    Thread& t = s.threads.at(thread);
    t.regs[badge_register] = 0;
    t.regs[info_register] = 0;
}

}  // namespace spec
