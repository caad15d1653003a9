// MCS reply objects (seL4's reply_t) and the call stacks they form: a Call that donates its
// scheduling context pushes the caller's reply object on that context's stack, the reply pops it
// and gives the context back (seL4's src/object/reply.c and schedContext_donate).
#pragma once
#include "lib/types.h"
#include "object/sched_context.h"
#include "object/tcb.h"

namespace core {

constexpr unsigned reply_size_bits = 5;  // seL4_ReplyBits

// A reply object: the caller blocked on it, and its place in a call stack. `prev` is the reply
// object of the call below (older); `next` the one above (newer), or, on the newest call, the
// scheduling context donated along the stack with bit 0 set (seL4's call_stack_t isHead): its
// `reply` is then this object. Scheduling contexts (2^7 bytes at least) and reply objects are
// aligned, so bit 0 is free.
struct Reply {
    Tcb* tcb = nullptr;  // BlockedOnReply: the caller; BlockedOnReceive: the receiver holding it
    Reply* prev = nullptr;
    word next = 0;
    word unused = 0;

    // The scheduling context when this is the stack's head, else nullptr.
    SchedContext* head_of() const {
        return next & 1 ? reinterpret_cast<SchedContext*>(next & ~word{1}) : nullptr;
    }
    // The newer reply object above this one, if any.
    Reply* above() const { return next & 1 ? nullptr : reinterpret_cast<Reply*>(next); }
    void set_head_of(SchedContext& sc) { next = reinterpret_cast<word>(&sc) | 1; }
    void set_above(Reply* r) { next = reinterpret_cast<word>(r); }
};
static_assert(sizeof(Reply) == bit(reply_size_bits), "seL4_ReplyBits is 5");

// A receiver waits with `r`: the next caller is linked to it. (Also a caller waiting on `r`.)
inline void link_reply(Tcb& receiver, Reply& r) {
    r.tcb = &receiver;
    receiver.reply = &r;
}

// `r` becomes the newest call of `sc`'s stack (the stack half of seL4's reply_push).
inline void push_call_stack(Reply& r, SchedContext& sc) {
    if (sc.reply) sc.reply->set_above(&r);
    r.prev = sc.reply;
    sc.reply = &r;
    r.set_head_of(sc);
}

// `r`, the newest call of `sc`'s stack, leaves it: the call below becomes the head (the stack
// half of seL4's reply_pop).
inline void pop_call_stack(Reply& r, SchedContext& sc) {
    sc.reply = r.prev;
    if (r.prev) r.prev->next = r.next;
    r.prev = nullptr;
    r.next = 0;
}
// `caller` waits for the reply through `r`; with `can_donate`, a caller with a scheduling context
// gives it to `callee` when that has none, `r` pushed on the context's call stack (seL4's
// reply_push).
void push_reply(Tcb& caller, Tcb& callee, Reply& r, bool can_donate);
// Unlinks `r` from its thread (a caller blocked on it, or a receiver waiting with it), which
// becomes Inactive (seL4's reply_unlink).
void unlink_reply(Reply& r);
// The caller waiting on `r` stops waiting: the head of a call stack is popped (the scheduling
// context goes back to the caller if it has none), one in the middle cuts the stack in two
// (seL4's reply_remove).
void remove_reply(Reply& r);
// `t`, blocked on a reply, stops waiting without taking the scheduling context back: its reply
// object leaves the stack, which is cut there (seL4's reply_remove_tcb, for cancelIPC).
void remove_reply_tcb(Tcb& t);
// The last cap to `r` is going: the thread linked to it is unlinked.
void finalise_reply(Reply& r);

// Moves `sc` from the thread it is bound to (if any) to `to`, which has none (seL4's
// schedContext_donate).
void donate_sched_context(SchedContext& sc, Tcb& to);
// `sc` is going: its call stack loses its head (seL4's schedContext_unbindReply).
void unbind_sched_context_reply(SchedContext& sc);

// Checked kernels, after every entry: every thread's scheduling context is bound back to it, a
// queued thread has a configured one, a reply object links back to its thread, a receiver's is in
// no call stack, a caller's stack links lead back both ways; from the reply objects' side, every
// call in a thread's context's stack has its caller waiting on it, and the stack ends. The first
// violation, or nullptr.
const char* check_donation_invariants();
// The same for two threads only (after a fastpath's IPC between them).
const char* check_donation_of(const Tcb& a, const Tcb& b);

}  // namespace core
