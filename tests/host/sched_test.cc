// The scheduler on the simulated machine: ready queues, seL4's switch decisions, time slices.
#include <gtest/gtest.h>
#include "kernel/sched.h"
#include "kernel/thread.h"

namespace {

struct Threads {
    core::Tcb t[3];
    Threads() {
        for (auto& x : t) x.state = core::ThreadState::Running;
    }
    ~Threads() {
        for (auto& x : t) core::sched_dequeue(x);
        core::set_current_thread(nullptr);
        core::schedule();  // clears any pending scheduler action
    }
};

}  // namespace

TEST(Sched, HigherPriorityCandidatesRunAtOnceLowerOnesWait) {
    Threads th;
    th.t[0].priority = 10;
    th.t[1].priority = 20;
    th.t[2].priority = 5;
    core::set_current_thread(&th.t[0]);
    core::possible_switch_to(th.t[1]);
    EXPECT_EQ(core::schedule(), &th.t[1]);
    EXPECT_TRUE(th.t[0].in_ready_queue) << "the preempted thread waits at the head of its queue";
    core::possible_switch_to(th.t[2]);
    EXPECT_EQ(core::schedule(), &th.t[1]) << "lower priority: queued, the current thread goes on";
    EXPECT_TRUE(th.t[2].in_ready_queue);
    EXPECT_EQ(core::highest_ready_priority(), 10);
}

TEST(Sched, EqualPriorityCandidateQueuesBehindTheCurrentThread) {
    Threads th;
    th.t[0].priority = th.t[1].priority = 7;
    core::set_current_thread(&th.t[0]);
    core::possible_switch_to(th.t[1]);
    EXPECT_EQ(core::schedule(), &th.t[0]);
    EXPECT_TRUE(th.t[1].in_ready_queue);
}

TEST(Sched, TimeSliceRunsOutAfterFiveTicksThenRoundRobin) {
    Threads th;
    th.t[0].priority = th.t[1].priority = 3;
    core::set_current_thread(&th.t[0]);
    core::sched_append(th.t[1]);
    for (int i = 0; i < core::time_slice_ticks - 1; i++) {
        core::timer_tick();
        EXPECT_EQ(core::schedule(), &th.t[0]) << i;
    }
    core::timer_tick();
    EXPECT_EQ(core::schedule(), &th.t[1]);
    EXPECT_TRUE(th.t[0].in_ready_queue) << "at the back of its queue";
}

TEST(Sched, YieldGoesBehindItsPriorityAndRunsOnWhenNothingElseCan) {
    Threads th;
    th.t[0].priority = th.t[1].priority = 9;
    th.t[2].priority = 4;
    core::set_current_thread(&th.t[0]);
    core::sched_append(th.t[2]);
    core::yield(th.t[0]);
    EXPECT_EQ(core::schedule(), &th.t[0]) << "alone at its priority and above: it runs on";
    EXPECT_FALSE(th.t[0].in_ready_queue);
    EXPECT_EQ(core::highest_ready_priority(), 4) << "the lower thread still waits";
    core::sched_append(th.t[1]);
    core::yield(th.t[0]);
    EXPECT_EQ(core::schedule(), &th.t[1]) << "an equal-priority thread gets its turn";
    EXPECT_TRUE(th.t[0].in_ready_queue) << "the yielder waits behind it";
    core::yield(th.t[1]);
    EXPECT_EQ(core::schedule(), &th.t[0]);
    EXPECT_TRUE(th.t[1].in_ready_queue);
}

TEST(Sched, HighestReadyPriorityScansBothLevelsOfTheBitmap) {
    core::Tcb t[4];
    const unsigned prios[] = {0, 63, 64, 255};
    EXPECT_EQ(core::highest_ready_priority(), -1);
    for (int i = 0; i < 4; i++) {
        t[i].state = core::ThreadState::Running;
        t[i].priority = static_cast<u8>(prios[i]);
        core::sched_append(t[i]);
        EXPECT_EQ(core::highest_ready_priority(), static_cast<int>(prios[i]));
    }
    for (int i = 3; i >= 0; i--) {
        core::sched_dequeue(t[i]);
        EXPECT_EQ(core::highest_ready_priority(), i ? static_cast<int>(prios[i - 1]) : -1);
    }
}

TEST(Sched, BlockingTheCurrentThreadChoosesTheNextAndIdleWhenNoneIsReady) {
    Threads th;
    th.t[0].priority = 9;
    core::set_current_thread(&th.t[0]);
    core::set_thread_state(th.t[0], core::ThreadState::BlockedOnReceive);
    EXPECT_EQ(core::schedule(), nullptr);
    EXPECT_EQ(core::current_thread(), nullptr);
}
