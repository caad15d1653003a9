// MCS scheduling contexts (seL4's sched_context_t): the data as seL4 keeps it. Budgets are not
// enforced yet: the refills are stored, never charged.
#pragma once
#include "lib/types.h"

namespace core {

struct Tcb;
struct Notification;
struct Reply;

constexpr unsigned min_sched_context_bits = 7;  // seL4_MinSchedContextBits
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
// The last cap to `sc` is going: it lets go of its thread, notification and call stack and is
// marked invalid.
void finalise_sched_context(SchedContext& sc);
}  // namespace core
