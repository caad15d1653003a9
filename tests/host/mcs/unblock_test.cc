// MCS, on the core built for MCS (keel_core_host_mcs): where seL4 16.0.0 moves a ready head refill
// to now when a thread wakes (refill_unblock_check) and where it does not. A notification lending
// its scheduling context leaves the refills as they are unless the context is sporadic
// (maybeDonateSchedContext, then sendSignal's check); a fault reply that leaves the faulting
// thread Inactive still moves its sporadic context's head (doReplyTransfer, before the transfer).
#include <gtest/gtest.h>
#include "arch/host_machine.h"
#include "arch/interrupts.h"
#include "kernel/ipc.h"
#include "kernel/kernel_state.h"
#include "kernel/sched.h"
#include "kernel/sched_time.h"
#include "kernel/thread.h"
#include "object/endpoint.h"
#include "object/refill.h"
#include "object/reply.h"
#include "syscall/message.h"

namespace {

using core::ThreadState;

struct ScObject {
    core::SchedContext sc;
    core::Refill room[8];
};
// A notification object of MCS's size: its scheduling context is kept after the notification.
struct NtfnObject {
    core::Notification n{};
    unsigned char room[(1u << core::notification_size_bits) - sizeof(core::Notification)] = {};
};

constexpr u64 ms = 1000 * host::timer_ticks_per_us;

// The current thread on a round-robin context, and a periodic context whose two refills, 1 ms each,
// were released at t0 and t0 + 0.5 ms (they overlap), 2 ms ago.
struct World {
    core::Tcb cur{}, other{};
    ScObject cur_sc{}, periodic{};
    u64 t0 = 0;

    explicit World(bool sporadic) {
        host::reset_timer();
        core::init_kernel_state();
        for (core::Tcb* t : {&cur, &other}) core::debug_register_tcb(*t);
        cur.state = ThreadState::Running;
        core::configure_sched_context(cur, cur_sc.sc, 5 * ms);
        core::set_current_thread(&cur);
        core::start_clock(cur);
        t0 = arch::current_time();
        core::SchedContext& sc = periodic.sc;
        sc.period = 10 * ms;
        sc.refill_max = 8;
        sc.sporadic = sporadic;
        sc.refill_head = 0;
        sc.refill_tail = 1;
        sc.refills()[0] = core::Refill{t0, 1 * ms};
        sc.refills()[1] = core::Refill{t0 + ms / 2, 1 * ms};
        host::pass_time(2 * ms);
        core::update_timestamp();
    }
    ~World() {
        for (core::Tcb* t : {&cur, &other}) {
            core::sched_dequeue(*t);
            core::release_remove(*t);
            core::debug_unregister_tcb(*t);
        }
        core::set_current_thread(nullptr);
        core::init_kernel_state();
    }
    // The periodic context's head and how many refills it has.
    core::Refill head() { return core::refill_head(periodic.sc); }
    word refills() { return core::refill_size(periodic.sc); }
};

// `w.other`, passive, waits on a notification bound to the periodic context; a signal lends it.
void signal_passive_waiter(World& w, core::Notification& n) {
    core::bind_sched_context_notification(w.periodic.sc, n);
    core::receive_signal(w.other, core::Cap::notification(&n, 0, true, true), true);
    ASSERT_EQ(w.other.state, ThreadState::BlockedOnNotification);
    core::send_signal(n, 1);
    EXPECT_EQ(w.other.sched_context, &w.periodic.sc);
    EXPECT_EQ(w.other.state, ThreadState::Running);
}

TEST(Unblock, LendingAConstantBandwidthContextLeavesItsRefills) {
    World w(false);
    NtfnObject o;
    signal_passive_waiter(w, o.n);
    EXPECT_EQ(w.head().release_time, w.t0);
    EXPECT_EQ(w.head().amount, 1 * ms);
    EXPECT_EQ(w.refills(), 2u);
}

TEST(Unblock, LendingASporadicContextStartsItsHeadNow) {
    World w(true);
    NtfnObject o;
    signal_passive_waiter(w, o.n);
    EXPECT_EQ(w.head().release_time, w.t0 + 2 * ms);
    EXPECT_EQ(w.head().amount, 2 * ms);
    EXPECT_EQ(w.refills(), 1u);
}

// `w.other`, on the periodic context, faulted to `w.cur`, which answers with label 1: no restart.
void refuse_fault(World& w) {
    core::Reply r{};
    w.other.state = ThreadState::Running;
    w.other.sched_context = &w.periodic.sc;
    w.periodic.sc.tcb = &w.other;
    w.other.fault = core::Fault::user_exception(3, 0);
    core::push_reply(w.other, w.cur, r, false);
    ASSERT_EQ(w.other.state, ThreadState::BlockedOnReply);
    arch::msg_info_register(w.cur.context) = core::MessageInfo{1, 0, 0, 0}.to_word();
    core::reply_through(w.cur, r, false);
    EXPECT_EQ(w.other.state, ThreadState::Inactive);
    w.other.sched_context = nullptr;
    w.periodic.sc.tcb = nullptr;
}

TEST(Unblock, FaultReplyLeavingTheThreadInactiveStartsASporadicHeadNow) {
    World w(true);
    refuse_fault(w);
    EXPECT_EQ(w.head().release_time, w.t0 + 2 * ms);
    EXPECT_EQ(w.head().amount, 2 * ms);
    EXPECT_EQ(w.refills(), 1u);
}

TEST(Unblock, FaultReplyLeavesAConstantBandwidthContextsRefills) {
    World w(false);
    refuse_fault(w);
    EXPECT_EQ(w.head().release_time, w.t0);
    EXPECT_EQ(w.refills(), 2u);
}

}  // namespace
