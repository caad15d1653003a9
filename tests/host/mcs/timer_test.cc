// The simulated machine's MCS timer (kernel/arch/host/src/timer.cc): time that passes while the
// kernel runs (each read of the clock lets the differential driver's ticks pass) and reaches the
// one-shot deadline raises the timer's interrupt, as the hardware's would, so a long operation's
// next preemption point sees it pending (seL4's preemptionPoint: isIRQPending).
#include <gtest/gtest.h>
#include "arch/host_machine.h"
#include "arch/interrupts.h"
#include "arch/simulated_machine.h"

namespace {

class SimulatedTimer : public ::testing::Test {
protected:
    void SetUp() override { reset(); }
    void TearDown() override { reset(); }
    static void reset() {
        host::reset_timer();
        host::set_interrupt_pending(false);
    }
};

TEST_F(SimulatedTimer, AReadThatReachesTheDeadlineRaisesTheTimersInterrupt) {
    arch::set_deadline(host::timer_start + 1000);
    host::set_time_per_read(600);
    EXPECT_EQ(arch::current_time(), host::timer_start + 600);
    EXPECT_FALSE(arch::interrupt_pending());
    EXPECT_EQ(host::timer_deadline(), host::timer_start + 1000);
    EXPECT_EQ(arch::current_time(), host::timer_start + 1200);
    EXPECT_TRUE(arch::interrupt_pending());
    EXPECT_EQ(host::timer_deadline(), ~u64{0});  // spent: its interrupt comes once
    word irq = 0;
    EXPECT_TRUE(arch::take_pending_interrupt(irq));
    EXPECT_EQ(irq, arch::irq_timer);
    arch::current_time();
    EXPECT_FALSE(arch::interrupt_pending());
}

// Between steps the clock moves only when a step lets time pass (pass_time enters the kernel for
// the deadline); a read that lets no time pass raises nothing, even past the deadline.
TEST_F(SimulatedTimer, AReadThatLetsNoTimePassRaisesNothing) {
    arch::set_deadline(host::timer_start);
    EXPECT_EQ(arch::current_time(), host::timer_start);
    EXPECT_FALSE(arch::interrupt_pending());
    EXPECT_TRUE(host::pass_time(0));
    EXPECT_FALSE(arch::interrupt_pending());
}

}  // namespace
