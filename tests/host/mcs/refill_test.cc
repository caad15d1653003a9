// MCS: seL4 16.0.0's refill rules (object/refill.h) on hand-computed scenarios. MIN_BUDGET is 10
// ticks here; every refill list is written out as seL4 would leave it.
#include <gtest/gtest.h>
#include <vector>
#include "object/refill.h"
#include "object/sched_context.h"
#include "object/tcb.h"

namespace {

using core::Refill;
using core::ticks;

constexpr ticks min_budget = 10;
constexpr ticks max_release_time = ~ticks{0} - 5000;

core::RefillClock at(ticks now) { return core::RefillClock{now, min_budget, max_release_time}; }

// A scheduling context with room for eight refills after it, as in its object.
struct Sc {
    core::SchedContext sc;
    Refill room[8];
};
static_assert(sizeof(Sc) == sizeof(core::SchedContext) + 8 * sizeof(Refill));

// The refills in use, head first: (release time, amount).
using List = std::vector<std::pair<ticks, ticks>>;
List refills(core::SchedContext& sc) {
    List out;
    for (word i = sc.refill_head;; i = core::refill_next(sc, i)) {
        out.emplace_back(sc.refills()[i].release_time, sc.refills()[i].amount);
        if (i == sc.refill_tail) return out;
    }
}

// Budget 100 every 1000 ticks in up to `max` refills, from time 0.
void sporadic(Sc& s, word max = 4) { core::refill_new(s.sc, max, 100, 1000, at(0)); }
// Then 30 ticks used from time 0: {30, 70}, {1000, 30}.
void used_30(Sc& s) {
    sporadic(s);
    core::refill_budget_check(s.sc, 30, at(30));
}

}  // namespace

TEST(Refill, NewMakesTheWholeBudgetAvailableNow) {
    Sc s;
    core::refill_new(s.sc, 4, 100, 1000, at(50));
    EXPECT_EQ(refills(s.sc), (List{{50, 100}}));
    EXPECT_EQ((std::pair<ticks, word>{s.sc.period, s.sc.refill_max}), (std::pair<ticks, word>{1000, 4}));
}

TEST(Refill, FullBudgetUsedInOneGoComesBackAPeriodLater) {
    Sc s;
    sporadic(s);
    core::refill_budget_check(s.sc, 100, at(100));
    EXPECT_EQ(refills(s.sc), (List{{1000, 100}}));
}

TEST(Refill, PartialUseSplitsTheHeadAndReplenishesAPeriodAfterTheUsageStarted) {
    Sc s;
    core::refill_new(s.sc, 4, 100, 1000, at(50));
    core::refill_budget_check(s.sc, 30, at(80));
    EXPECT_EQ(refills(s.sc), (List{{80, 70}, {1050, 30}}));
}

TEST(Refill, IncrementalChargesOfOneHeadMergeIntoOneReplenishment) {
    Sc s;
    core::refill_new(s.sc, 4, 100, 1000, at(50));
    core::refill_budget_check(s.sc, 30, at(80));
    core::refill_budget_check(s.sc, 20, at(100));
    EXPECT_EQ(refills(s.sc), (List{{100, 50}, {1050, 50}})) << "1050 + 30 reaches 1080: adjacent refills merge";
}

TEST(Refill, UsageBeyondTheHeadChargesWholeRefillsThenPartOfTheNext) {
    Sc s;
    sporadic(s);
    core::refill_budget_check(s.sc, 60, at(60));
    EXPECT_EQ(core::refill_capacity(s.sc, 50), 0u) << "the head (40) is smaller than the usage";
    core::refill_budget_check(s.sc, 50, at(1050));
    EXPECT_EQ(refills(s.sc), (List{{1010, 90}, {2000, 10}}));
}

TEST(Refill, RoundRobinKeepsTheUsedTimeInTheTailAndGetsItBackAtTheEndOfTheSlice) {
    Sc s;
    core::refill_new(s.sc, core::min_refills, 100, 0, at(5));
    EXPECT_EQ(refills(s.sc), (List{{5, 100}, {5, 0}}));
    core::refill_commit(s.sc, 30, at(35));
    EXPECT_EQ(refills(s.sc), (List{{5, 70}, {5, 30}}));
    core::refill_end_timeslice(s.sc, 70, at(105));
    EXPECT_EQ(refills(s.sc), (List{{5, 100}, {5, 0}})) << "the head refill is not moved in time";
    EXPECT_FALSE(core::refill_unblock_check(s.sc, at(500)));
    EXPECT_EQ(refills(s.sc), (List{{5, 100}, {5, 0}}));
}

// The root task's scheduling context at boot is round robin's two refills (seL4's
// configure_sched_context makes it with refill_new), so that the time it uses collects in the
// tail and comes back to the head at the end of its slice.
TEST(Refill, TheBootSchedContextIsRoundRobinsTwoRefills) {
    Sc s;
    core::Tcb root;
    core::configure_sched_context(root, s.sc, 100);
    EXPECT_EQ(refills(s.sc), (List{{0, 100}, {0, 0}}));
    EXPECT_TRUE(core::is_round_robin(s.sc));
    core::refill_commit(s.sc, 30, at(30));
    core::refill_end_timeslice(s.sc, 80, at(110));
    EXPECT_EQ(refills(s.sc), (List{{0, 100}, {0, 0}}));
}

// seL4_Yield on MCS charges the whole head refill (chargeBudget with the head's amount): a
// sporadic head comes back a period after it started, round robin's whole budget at once.
TEST(Refill, YieldChargesTheWholeHead) {
    Sc s;
    used_30(s);
    core::refill_end_timeslice(s.sc, core::refill_head(s.sc).amount, at(40));
    EXPECT_EQ(refills(s.sc), (List{{1000, 100}}));
    Sc rr;
    core::refill_new(rr.sc, core::min_refills, 100, 0, at(0));
    core::refill_commit(rr.sc, 30, at(30));
    core::refill_end_timeslice(rr.sc, core::refill_head(rr.sc).amount, at(40));
    EXPECT_EQ(refills(rr.sc), (List{{0, 100}, {0, 0}}));
}

TEST(Refill, SporadicCommitAndEndOfSliceChargeAsBudgetCheck) {
    Sc s;
    sporadic(s);
    core::refill_commit(s.sc, 30, at(30));
    EXPECT_EQ(refills(s.sc), (List{{30, 70}, {1000, 30}}));
    core::refill_end_timeslice(s.sc, 70, at(100));
    EXPECT_EQ(refills(s.sc), (List{{1000, 100}}));
}

// 20 used from 0, a pause until 500, then 30 used: its refill (1500, 30) is added when the buffer
// has room, else the tail (1000, 20) is delayed to end where it would, at 1530.
TEST(Refill, AFullBufferDelaysTheTailToEndWhereTheNewRefillWould) {
    struct Case {
        word max;
        List after;
    } cases[] = {{2, {{530, 50}, {1480, 50}}}, {3, {{530, 50}, {1000, 20}, {1500, 30}}}};
    for (auto& c : cases) {
        Sc s;
        sporadic(s, c.max);
        core::refill_budget_check(s.sc, 20, at(20));
        EXPECT_TRUE(core::refill_unblock_check(s.sc, at(500)));
        core::refill_budget_check(s.sc, 30, at(530));
        EXPECT_EQ(refills(s.sc), c.after) << c.max;
    }
}

TEST(Refill, AHeadBelowMinBudgetMergesIntoTheNextWhichStartsEarlier) {
    Sc s;
    sporadic(s);
    core::refill_budget_check(s.sc, 91, at(91));
    EXPECT_EQ(refills(s.sc), (List{{991, 100}})) << "9 < MIN_BUDGET: merged, the refill still ends at 1091";
}

TEST(Refill, AHeadOfExactlyMinBudgetStays) {
    Sc s;
    sporadic(s);
    core::refill_budget_check(s.sc, 90, at(90));
    EXPECT_EQ(refills(s.sc), (List{{90, 10}, {1000, 90}}));
}

// 30 of 100 used ({30, 70}, {1000, 30}), then unblocked: the head ends at now + 70, and a refill
// released by then (1000 <= now + 70) joins it.
TEST(Refill, UnblockMovesAReadyHeadToNowAndMergesTheRefillsItOverlaps) {
    struct Case {
        ticks now;
        List after;
    } cases[] = {{1000, {{1000, 100}}}, {930, {{930, 100}}}, {929, {{929, 70}, {1000, 30}}}};
    for (auto& c : cases) {
        Sc s;
        used_30(s);
        EXPECT_TRUE(core::refill_unblock_check(s.sc, at(c.now))) << c.now;
        EXPECT_EQ(refills(s.sc), c.after) << c.now;
    }
}

TEST(Refill, UnblockLeavesAHeadThatIsNotReady) {
    Sc s;
    used_30(s);
    EXPECT_FALSE(core::refill_unblock_check(s.sc, at(29)));
    EXPECT_EQ(refills(s.sc), (List{{30, 70}, {1000, 30}}));
}

TEST(Refill, ReadyAndSufficientAtTheirBoundaries) {
    Sc s;
    used_30(s);
    EXPECT_FALSE(core::refill_ready(s.sc, 29));
    EXPECT_TRUE(core::refill_ready(s.sc, 30));
    EXPECT_TRUE(core::refill_sufficient(s.sc, 60, min_budget)) << "70 - 60 is MIN_BUDGET";
    EXPECT_FALSE(core::refill_sufficient(s.sc, 61, min_budget));
    EXPECT_EQ(core::refill_capacity(s.sc, 69), 1u);
    EXPECT_EQ(core::refill_capacity(s.sc, 70), 0u);
    EXPECT_EQ(core::refill_capacity(s.sc, 71), 0u);
}

TEST(Refill, UpdateTrimsAHeadLargerThanTheNewBudget) {
    Sc s;
    used_30(s);
    core::refill_update(s.sc, 500, 50, 3, at(40));
    EXPECT_EQ(refills(s.sc), (List{{40, 50}}));
    EXPECT_EQ(s.sc.refill_max, 3u);
    EXPECT_EQ(s.sc.period, 500u);
}

TEST(Refill, UpdateSchedulesTheRestOfALargerBudgetANewPeriodAfterTheHead) {
    Sc s;
    used_30(s);
    core::refill_update(s.sc, 500, 200, 3, at(20));
    EXPECT_EQ(refills(s.sc), (List{{30, 70}, {530, 130}})) << "the head is not ready at 20: it keeps its time";
}

TEST(Refill, UpdateCopiesAWrappedHeadToTheFirstSlot) {
    Sc s;
    sporadic(s, 2);
    core::refill_budget_check(s.sc, 100, at(100));  // {1000, 100} at slot 0
    core::refill_budget_check(s.sc, 40, at(1040));  // head {1040, 60} slot 0, tail slot 1
    core::refill_budget_check(s.sc, 60, at(1100));  // the head is popped: slot 1 alone
    ASSERT_EQ(s.sc.refill_head, 1u);
    core::refill_update(s.sc, 1000, 100, 4, at(3000));
    EXPECT_EQ(s.sc.refill_head, 0u);
    EXPECT_EQ(refills(s.sc), (List{{3000, 100}}));
}

TEST(Refill, TheRingWrapsAtRefillMax) {
    Sc s;
    sporadic(s, 3);
    core::refill_add_tail(s.sc, Refill{200, 1});
    core::refill_add_tail(s.sc, Refill{300, 2});
    EXPECT_TRUE(core::refill_full(s.sc));
    EXPECT_EQ(core::refill_pop_head(s.sc).amount, 100u);
    core::refill_add_tail(s.sc, Refill{400, 3});
    EXPECT_EQ(s.sc.refill_tail, 0u);
    EXPECT_EQ(core::refill_size(s.sc), 3u);
    EXPECT_EQ(refills(s.sc), (List{{200, 1}, {300, 2}, {400, 3}}));
}
