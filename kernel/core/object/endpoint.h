// Endpoints and notifications: objects of 16 and 32 bytes (seL4_EndpointBits, seL4_NotificationBits)
// holding intrusive queues of blocked TCBs.
#pragma once
#include "generated/config.h"
#include "object/tcb.h"

namespace core {

// A FIFO of TCBs linked through Tcb::ep_next/ep_prev. The tail pointer shares a word with a
// two-bit state: TCBs are 2 KiB aligned, so a TCB pointer's low bits are free.
class TcbQueue {
public:
    Tcb* head() const { return head_; }
    bool empty() const { return !head_; }
    // Appends `t` and puts the queue in state `s`.
    void append(Tcb& t, u8 s) {
        Tcb* last = tail();
        t.ep_prev = last;
        t.ep_next = nullptr;
        if (last) last->ep_next = &t;
        else head_ = &t;
        tail_state_ = reinterpret_cast<word>(&t) | s;
    }
    // MCS (seL4's tcbAppend): puts `t` after the last thread of its priority or higher and the
    // queue in state `s`, so that the queue runs from the highest priority down and in arrival
    // order within a priority.
    void insert_by_priority(Tcb& t, u8 s) {
        Tcb* before = tail();
        while (before && before->priority < t.priority) before = before->ep_prev;
        Tcb* after = before ? before->ep_next : head_;
        t.ep_prev = before;
        t.ep_next = after;
        if (before) before->ep_next = &t;
        else head_ = &t;
        if (after) after->ep_prev = &t;
        else set_tail(&t);
        set_state(s);
    }
    // Takes the first thread off the queue (it must not be empty).
    Tcb& pop_head() {
        Tcb& t = *head_;
        remove_head(t);
        return t;
    }
    // Takes `t`, the first thread, off the queue.
    void remove_head(Tcb& t) {
        head_ = t.ep_next;
        if (head_) {
            head_->ep_prev = nullptr;
            t.ep_next = nullptr;
        } else {
            set_tail(nullptr);
        }
    }
    void remove(Tcb& t) {
        if (t.ep_prev) t.ep_prev->ep_next = t.ep_next;
        else head_ = t.ep_next;
        if (t.ep_next) t.ep_next->ep_prev = t.ep_prev;
        else set_tail(t.ep_prev);
        t.ep_next = t.ep_prev = nullptr;
    }
    u8 state() const { return static_cast<u8>(tail_state_ & 3); }
    // Whether the queue is in state `s`, 1 or 2: no queue has a state 3, so the bit tells.
    bool has_state_bit(u8 s) const { return tail_state_ & s; }
    void set_state(u8 s) { tail_state_ = (tail_state_ & ~word{3}) | s; }

private:
    Tcb* tail() const { return reinterpret_cast<Tcb*>(tail_state_ & ~word{3}); }
    void set_tail(Tcb* t) { tail_state_ = reinterpret_cast<word>(t) | state(); }
    word tail_state_ = 0;
    Tcb* head_ = nullptr;
};

enum class EpState : u8 { Idle = 0, Send = 1, Recv = 2 };

struct Endpoint {
    TcbQueue queue;
    EpState state() const { return static_cast<EpState>(queue.state()); }
    bool is_sending() const { return queue.has_state_bit(static_cast<u8>(EpState::Send)); }
    bool is_receiving() const { return queue.has_state_bit(static_cast<u8>(EpState::Recv)); }
    void set_state(EpState s) { queue.set_state(static_cast<u8>(s)); }
};
static_assert(sizeof(Endpoint) == 16, "seL4_EndpointBits is 4");

enum class NtfnState : u8 { Idle = 0, Waiting = 1, Active = 2 };

struct Notification {
    TcbQueue queue;
    word message = 0;  // the badges signalled and not yet received, OR-ed together
    Tcb* bound_tcb = nullptr;
    NtfnState state() const { return static_cast<NtfnState>(queue.state()); }
    void set_state(NtfnState s) { queue.set_state(static_cast<u8>(s)); }
};
static_assert(sizeof(Notification) == 32, "seL4_NotificationBits is 5");
// seL4_NotificationBits: 6 on MCS (seL4's notification gains a scheduling context; Keel's will
// use the room when notifications donate scheduling contexts).
constexpr unsigned notification_size_bits = config::kernel_mcs ? 6 : 5;

// A thread that blocks joins the queue: classic in arrival order, MCS by priority (seL4's
// tcbEPAppend and tcbNTFNAppend).
inline void queue_blocked(TcbQueue& q, Tcb& t, u8 s) {
    if constexpr (config::kernel_mcs) {
        q.insert_by_priority(t, s);
    } else {
        q.append(t, s);
    }
}

// Endpoint IPC (seL4's sendIPC and receiveIPC).
void send_ipc(bool blocking, bool do_call, word badge, bool can_grant, bool can_grant_reply, Tcb& thread, Endpoint& ep);
// MCS: the same for a send that can donate (seL4's canDonate: a Call, a fault, the send of ReplyRecv,
// NBSendRecv and NBSendWait): the sender's scheduling context may go to a receiver that has none.
void send_ipc_donating(bool blocking, bool do_call, word badge, bool can_grant, bool can_grant_reply, Tcb& thread,
                       Endpoint& ep);
// `reply`: MCS, the reply object a Recv names (the next caller waits on it); nullptr on classic.
void receive_ipc(Tcb& thread, const Cap& ep_cap, bool blocking, struct Reply* reply);
// Takes `t` out of whatever it is blocked on (seL4's cancelIPC).
void cancel_ipc(Tcb& t);
// The endpoint is going: every queued thread restarts its system call (seL4's cancelAllIPC).
void cancel_all_ipc(Endpoint& ep);
void cancel_badged_sends(Endpoint& ep, word badge);
// MCS: `t`, blocked on an endpoint or a notification, has a new priority: it moves to its place
// in the queue (seL4's reorderEP, reorderNTFN).
void requeue_by_priority(Tcb& t);

// Notifications.
void send_signal(Notification& n, word badge);
void receive_signal(Tcb& thread, const Cap& ntfn_cap, bool blocking);
// Delivers an Active notification's word to `t` and makes it Idle (seL4's completeSignal).
void complete_signal(Notification& n, Tcb& t);
void cancel_all_signals(Notification& n);
void bind_notification(Tcb& t, Notification& n);
void unbind_notification(Tcb& t);
void unbind_maybe_notification(Notification& n);
// The last cap to `n` is going: it is unbound and its waiters restart.
void finalise_notification(Notification& n);

}  // namespace core
