// MCS: seL4 16.0.0's sporadic server refills (src/kernel/sporadic.c and the refill steps of
// commitTime and chargeBudget), over SchedContext's circular buffer.
#include "object/refill.h"

namespace core {

word refill_next(const SchedContext& sc, word index) { return index == sc.refill_max - 1 ? 0 : index + 1; }

word refill_size(const SchedContext& sc) {
    if (sc.refill_head <= sc.refill_tail) return sc.refill_tail - sc.refill_head + 1;
    return sc.refill_tail + 1 + sc.refill_max - sc.refill_head;
}

bool refill_single(const SchedContext& sc) { return sc.refill_head == sc.refill_tail; }
bool refill_full(const SchedContext& sc) { return refill_size(sc) == sc.refill_max; }

Refill refill_pop_head(SchedContext& sc) {
    Refill r = refill_head(sc);
    sc.refill_head = refill_next(sc, sc.refill_head);
    return r;
}

void refill_add_tail(SchedContext& sc, Refill r) {
    sc.refill_tail = refill_next(sc, sc.refill_tail);
    refill_tail(sc) = r;
}

namespace {

// Round robin: an empty tail refill collects the time used.
void add_round_robin_tail(SchedContext& sc) {
    if (is_round_robin(sc)) refill_add_tail(sc, Refill{refill_head(sc).release_time, 0});
}

// The used time `r` comes back at its release time: merged into a tail it overlaps or touches,
// else a new tail, else (buffer full) the tail is delayed to end where `r` would.
void schedule_used(SchedContext& sc, Refill r) {
    Refill& tail = refill_tail(sc);
    if (tail.release_time + tail.amount >= r.release_time) {
        tail.amount += r.amount;
    } else if (!refill_full(sc)) {
        refill_add_tail(sc, r);
    } else {
        tail.release_time = r.release_time - tail.amount;
        tail.amount += r.amount;
    }
}

bool head_overruns(SchedContext& sc, ticks usage, const RefillClock& clock) {
    Refill& head = refill_head(sc);
    return head.amount <= usage && head.release_time < clock.max_release_time;
}

// The whole head refill is used: it comes back a period later. Returns the usage left to charge.
ticks charge_entire_head(SchedContext& sc, ticks usage) {
    ticks amount = refill_head(sc).amount;
    if (refill_single(sc)) {
        refill_head(sc).release_time += sc.period;
    } else {
        Refill used = refill_pop_head(sc);
        used.release_time += sc.period;
        schedule_used(sc, used);
    }
    return usage - amount;
}

// Part of the head is used: the rest starts after it, the used part comes back a period later.
void charge_part_of_head(SchedContext& sc, ticks usage) {
    Refill& head = refill_head(sc);
    Refill used{head.release_time + sc.period, usage};
    head.amount -= usage;
    head.release_time += usage;
    schedule_used(sc, used);
}

// A head below MIN_BUDGET joins the next refill, which starts earlier by as much so it ends as before.
void merge_small_head(SchedContext& sc) {
    Refill old = refill_pop_head(sc);
    refill_head(sc).amount += old.amount;
    refill_head(sc).release_time -= old.amount;
}

bool head_overlaps_next(SchedContext& sc) {
    if (refill_single(sc)) return false;
    Refill& head = refill_head(sc);
    return sc.refills()[refill_next(sc, sc.refill_head)].release_time <= head.release_time + head.amount;
}

// The next refill, available by the time the head ends, joins the head.
void merge_overlapping_head(SchedContext& sc) {
    Refill old = refill_pop_head(sc);
    refill_head(sc).release_time = old.release_time;
    refill_head(sc).amount += old.amount;
}

}  // namespace

void refill_new(SchedContext& sc, word max_refills, ticks budget, ticks period, const RefillClock& clock) {
    sc.period = period;
    sc.refill_head = sc.refill_tail = 0;
    sc.refill_max = max_refills;
    refill_head(sc) = Refill{clock.now, budget};
    add_round_robin_tail(sc);
}

void refill_update(SchedContext& sc, ticks period, ticks budget, word max_refills, const RefillClock& clock) {
    sc.refills()[0] = refill_head(sc);
    sc.refill_head = sc.refill_tail = 0;
    sc.refill_max = max_refills;
    sc.period = period;
    Refill& head = refill_head(sc);
    if (refill_ready(sc, clock.now)) head.release_time = clock.now;
    if (head.amount >= budget) {
        head.amount = budget;
        add_round_robin_tail(sc);
    } else {
        refill_add_tail(sc, Refill{head.release_time + period, budget - head.amount});
    }
}

void refill_budget_check(SchedContext& sc, ticks usage, const RefillClock& clock) {
    while (head_overruns(sc, usage, clock)) usage = charge_entire_head(sc, usage);
    if (usage > 0 && refill_head(sc).release_time < clock.max_release_time) charge_part_of_head(sc, usage);
    while (refill_head(sc).amount < clock.min_budget) merge_small_head(sc);
}

void refill_commit(SchedContext& sc, ticks usage, const RefillClock& clock) {
    if (!is_round_robin(sc)) return refill_budget_check(sc, usage, clock);
    refill_head(sc).amount -= usage;
    refill_tail(sc).amount += usage;
}

void refill_end_timeslice(SchedContext& sc, ticks usage, const RefillClock& clock) {
    if (!is_round_robin(sc)) return refill_budget_check(sc, usage, clock);
    refill_head(sc).amount += refill_tail(sc).amount;
    refill_tail(sc).amount = 0;
}

bool refill_unblock_check(SchedContext& sc, const RefillClock& clock) {
    if (is_round_robin(sc) || !refill_ready(sc, clock.now)) return false;
    refill_head(sc).release_time = clock.now;
    while (head_overlaps_next(sc)) merge_overlapping_head(sc);
    return true;
}

}  // namespace core
