// MCS: the refills of a scheduling context, seL4 16.0.0's sporadic server rules (kernel/sporadic.c),
// over SchedContext's circular buffer. Time is in timer ticks and is always given, so the rules are
// deterministic; nothing here knows the configuration or the timer.
#pragma once
#include "object/sched_context.h"

namespace core {

using ticks = u64;  // seL4's ticks_t

// The time facts the rules read: seL4's ksCurTime, MIN_BUDGET (2 * the kernel's WCET * its scale,
// the least budget that enters and leaves the kernel) and MAX_RELEASE_TIME (no refill is put later).
struct RefillClock {
    ticks now;
    ticks min_budget;
    ticks max_release_time;
};

// The buffer: refill_max slots from refill_head to refill_tail, at least one in use. Inline, as
// are the head's tests below: every MCS kernel entry reads the current context's head.
inline Refill& refill_head(SchedContext& sc) { return sc.refills()[sc.refill_head]; }
inline Refill& refill_tail(SchedContext& sc) { return sc.refills()[sc.refill_tail]; }
word refill_next(const SchedContext& sc, word index);
word refill_size(const SchedContext& sc);
bool refill_single(const SchedContext& sc);
bool refill_full(const SchedContext& sc);
Refill refill_pop_head(SchedContext& sc);        // precondition: !refill_single
void refill_add_tail(SchedContext& sc, Refill r);  // precondition: !refill_full

// A budget equal to its period: one refill in use, one keeping what was used (seL4's isRoundRobin).
inline bool is_round_robin(const SchedContext& sc) { return sc.period == 0; }

// The whole budget usable from now, in up to max_refills refills (period 0: round robin).
void refill_new(SchedContext& sc, word max_refills, ticks budget, ticks period, const RefillClock& clock);
// New parameters for a scheduling context in use, never more than the new budget within a new period.
void refill_update(SchedContext& sc, ticks period, ticks budget, word max_refills, const RefillClock& clock);
// Charges `usage` to a sporadic scheduling context: the used time comes back a period after it was
// used, and the head refill keeps at least MIN_BUDGET (merged with the next refills if need be).
void refill_budget_check(SchedContext& sc, ticks usage, const RefillClock& clock);
// seL4's commitTime: `usage` (sufficient and ready) charged; round robin keeps it in the tail refill.
void refill_commit(SchedContext& sc, ticks usage, const RefillClock& clock);
// seL4's chargeBudget: the time slice is over; round robin gets its whole budget back in the head.
void refill_end_timeslice(SchedContext& sc, ticks usage, const RefillClock& clock);
// A thread becomes runnable: a ready head refill starts now, merged with the refills it overlaps.
// Returns whether the head moved (seL4 then reprograms the timer).
bool refill_unblock_check(SchedContext& sc, const RefillClock& clock);

// What the head refill leaves after `usage` (0 when usage exceeds it).
inline ticks refill_capacity(SchedContext& sc, ticks usage) {
    ticks head = refill_head(sc).amount;
    return usage > head ? 0 : head - usage;
}
// Whether the head refill leaves MIN_BUDGET after `usage`.
inline bool refill_sufficient(SchedContext& sc, ticks usage, ticks min_budget) {
    return refill_capacity(sc, usage) >= min_budget;
}
// Whether the head refill may be used at `now`.
inline bool refill_ready(SchedContext& sc, ticks now) { return refill_head(sc).release_time <= now; }

}  // namespace core
