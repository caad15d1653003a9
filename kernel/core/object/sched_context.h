// MCS scheduling contexts and reply objects (seL4's sched_context_t and reply_t): the data as
// seL4 keeps it; what charges their refills is kernel/sched_time.h (MCS kernels only).
#pragma once
#include "lib/types.h"

namespace core {

struct Tcb;
struct Notification;
struct Reply;

constexpr unsigned min_sched_context_bits = 7;  // seL4_MinSchedContextBits
constexpr unsigned reply_size_bits = 5;         // seL4_ReplyBits
constexpr word min_refills = 2;                 // seL4's MIN_REFILLS

// One budget replenishment: `amount` ticks usable from `release_time` on (seL4's refill_t).
struct Refill {
    u64 release_time = 0;
    u64 amount = 0;
};
static_assert(sizeof(Refill) == 16, "seL4_RefillSizeBytes is 16");

// The object's first 96 bytes; its refills, a circular buffer of refill_max, follow it.
struct SchedContext {
    u64 period = 0;
    u64 consumed = 0;            // ticks used since the last Consumed or timeout fault
    word core = 0;
    Tcb* tcb = nullptr;          // the thread it is bound to
    Reply* reply = nullptr;      // the newest reply object of a Call that donated it
    Notification* notification = nullptr;
    word badge = 0;              // sent with its timeout faults
    Tcb* yield_from = nullptr;
    word refill_max = 0;         // refills in use (0: never configured, or deleted)
    word refill_head = 0;
    word refill_tail = 0;
    bool sporadic = false;

    Refill* refills() { return reinterpret_cast<Refill*>(this + 1); }
};
static_assert(sizeof(SchedContext) + min_refills * sizeof(Refill) == 128, "seL4_CoreSchedContextBytes is 128");
static_assert(sizeof(SchedContext) + min_refills * sizeof(Refill) <= bit(min_sched_context_bits));

// The refills a scheduling context of 2^size_bits bytes can hold (seL4's refill_absolute_max).
constexpr word refill_absolute_max(unsigned size_bits) {
    return (bit(size_bits) - sizeof(SchedContext)) / sizeof(Refill);
}

// A reply object: the caller blocked on it, and its place in a call stack (seL4's reply_t; the
// stack links are used once scheduling contexts are donated over Call).
struct Reply {
    Tcb* tcb = nullptr;  // BlockedOnReply: the caller; BlockedOnReceive: the receiver holding it
    Reply* prev = nullptr;
    word next = 0;       // the next reply object, or the scheduling context at the stack's head
    word unused = 0;
};
static_assert(sizeof(Reply) == bit(reply_size_bits), "seL4_ReplyBits is 5");

// At boot: binds the root task to `sc`, its whole budget of `budget` ticks available, round robin
// (seL4's configure_sched_context); the scheduler is not told.
void configure_sched_context(Tcb& t, SchedContext& sc, u64 budget);
// Binds `sc` and `t` (both unbound), queueing `t` when it is runnable (seL4's schedContext_bindTCB).
void bind_sched_context(SchedContext& sc, Tcb& t);
// Unbinds `sc` from its thread, if any, which stops being scheduled (seL4's schedContext_unbindTCB).
void unbind_sched_context(SchedContext& sc);

// MCS: the scheduling context bound to a notification, kept in the second half of its 2^6-byte
// object (seL4's ntfnSchedContext).
SchedContext*& notification_sched_context(Notification& n);
// Binds `sc` and `n` (both unbound); unbinds `sc`'s notification, if any (seL4's
// schedContext_bindNtfn and schedContext_unbindNtfn).
void bind_sched_context_notification(SchedContext& sc, Notification& n);
void unbind_sched_context_notification(SchedContext& sc);
// The last cap to `sc` is going: it lets go of its thread and notification and is marked invalid.
void finalise_sched_context(SchedContext& sc);
// A receiver waits with `r`: the next caller is linked to it.
void link_reply(Tcb& receiver, Reply& r);
// `caller` waits for the reply through `r` (seL4's reply_push; no donation yet).
void push_reply(Tcb& caller, Reply& r);
// Unlinks `r` from its thread (a caller blocked on it, or a receiver waiting with it), which
// becomes Inactive (seL4's reply_unlink).
void unlink_reply(Reply& r);
// The last cap to `r` is going: the thread linked to it is unlinked.
void finalise_reply(Reply& r);

}  // namespace core
