// MCS: call stacks of reply objects and scheduling-context donation (object/reply.h) as seL4
// 16.0.0's reply_push, reply_pop, reply_remove, reply_remove_tcb and schedContext_unbindReply
// leave them, with the checked kernel's donation invariants after each step.
#include <gtest/gtest.h>
#include "kernel/sched.h"
#include "kernel/thread.h"
#include "object/reply.h"
#include "object/sched_context.h"

namespace {

using core::ThreadState;

// A client with a configured scheduling context, two passive servers A and B, and the reply
// objects A and B receive with.
struct Stack {
    core::Tcb client, a, b;
    struct {
        core::SchedContext sc;
        core::Refill room[core::min_refills];
    } object;
    core::SchedContext& sc = object.sc;
    core::Reply r1, r2;

    Stack() {
        for (core::Tcb* t : {&client, &a, &b}) {
            t->state = ThreadState::Running;
            core::debug_register_tcb(*t);
        }
        sc.refill_max = core::min_refills;
        sc.tcb = &client;
        client.sched_context = &sc;
        core::set_current_thread(&client);
    }
    ~Stack() {
        for (core::Tcb* t : {&client, &a, &b}) {
            core::sched_dequeue(*t);
            core::debug_unregister_tcb(*t);
        }
        core::set_current_thread(nullptr);
        core::schedule();  // clears any pending scheduler action
    }
    // Client -> A -> B, each Call donating.
    void call_chain() {
        core::push_reply(client, a, r1, true);
        core::push_reply(a, b, r2, true);
    }
};

const char* invariants() { return core::check_donation_invariants(); }

// `s`'s context is with `holder` (none: unbound), its stack's newest call `top`, the invariants hold.
void expect_context(Stack& s, core::Tcb* holder, core::Reply* top) {
    EXPECT_EQ(s.sc.tcb, holder);
    if (holder) EXPECT_EQ(holder->sched_context, &s.sc);
    EXPECT_EQ(s.sc.reply, top);
    if (top) EXPECT_EQ(top->head_of(), &s.sc);
    EXPECT_EQ(invariants(), nullptr);
}

TEST(Reply, CallDonatesTheCallersContextAndPushesTheReplyObject) {
    Stack s;
    core::push_reply(s.client, s.a, s.r1, true);
    EXPECT_EQ(s.client.state, ThreadState::BlockedOnReply);
    EXPECT_EQ(s.client.reply, &s.r1);
    EXPECT_EQ(s.r1.tcb, &s.client);
    EXPECT_EQ(s.client.sched_context, nullptr);
    EXPECT_EQ(s.r1.prev, nullptr);
    expect_context(s, &s.a, &s.r1);
}

TEST(Reply, ChainLinksEachCallToTheOneBelow) {
    Stack s;
    s.call_chain();
    expect_context(s, &s.b, &s.r2);
    EXPECT_EQ(s.a.sched_context, nullptr);
    EXPECT_EQ(s.r2.prev, &s.r1);
    EXPECT_EQ(s.r1.above(), &s.r2);
    EXPECT_EQ(s.r1.head_of(), nullptr);
}

TEST(Reply, NoDonationWhenTheCallCannotDonate) {
    Stack s;
    core::push_reply(s.client, s.a, s.r1, false);
    EXPECT_EQ(s.sc.tcb, &s.client) << "a Send-like push (no donation) keeps the context";
    EXPECT_EQ(s.sc.reply, nullptr);
    EXPECT_EQ(s.r1.next, 0u);
    EXPECT_EQ(s.r1.tcb, &s.client);
    EXPECT_EQ(invariants(), nullptr);
}

TEST(Reply, RepliesPopTheStackAndGiveTheContextBackDownTheChain) {
    Stack s;
    s.call_chain();
    core::remove_reply(s.r2);
    expect_context(s, &s.a, &s.r1);
    EXPECT_EQ(s.r2.tcb, nullptr);
    EXPECT_EQ(s.r2.prev, nullptr);
    EXPECT_EQ(s.r2.next, 0u);
    EXPECT_EQ(s.a.state, ThreadState::Inactive) << "reply_unlink: the replier's caller state is set by the reply";
    EXPECT_EQ(invariants(), nullptr);
    core::remove_reply(s.r1);
    expect_context(s, &s.client, nullptr);
}

TEST(Reply, PopLeavesTheContextWhenTheCallerWasGivenAnother) {
    Stack s;
    core::push_reply(s.client, s.a, s.r1, true);
    decltype(s.object) other{};
    other.sc.refill_max = core::min_refills;
    core::bind_sched_context(other.sc, s.client);
    core::remove_reply(s.r1);
    EXPECT_EQ(s.sc.tcb, &s.a) << "seL4's reply_pop gives the context back only to a caller without one";
    EXPECT_EQ(s.client.sched_context, &other.sc);
    EXPECT_EQ(s.sc.reply, nullptr);
    EXPECT_EQ(invariants(), nullptr);
    core::unbind_sched_context(other.sc);
}

TEST(Reply, RemovingACallMidStackCutsTheStack) {
    Stack s;
    s.call_chain();
    core::remove_reply(s.r1);
    EXPECT_EQ(s.client.state, ThreadState::Inactive);
    EXPECT_EQ(s.r1.tcb, nullptr);
    EXPECT_EQ(s.r2.prev, nullptr) << "the newer call no longer leads down";
    expect_context(s, &s.b, &s.r2);
    core::remove_reply(s.r2);
    expect_context(s, &s.a, nullptr);  // the reply still pops to A, and the stack ends there
}

TEST(Reply, CancellingTheWaitingCallerLeavesTheContextWhereItIs) {
    Stack s;
    s.call_chain();
    core::remove_reply_tcb(s.a);
    EXPECT_EQ(s.a.state, ThreadState::Inactive);
    expect_context(s, &s.b, nullptr);  // seL4's reply_remove_tcb gives nothing back
    EXPECT_EQ(s.r1.next, 0u) << "the call below is no longer linked up";
    EXPECT_EQ(s.r2.prev, nullptr);
}

TEST(Reply, DeletingTheContextDropsTheStacksHead) {
    Stack s;
    s.call_chain();
    core::finalise_sched_context(s.sc);
    expect_context(s, nullptr, nullptr);
    EXPECT_EQ(s.b.sched_context, nullptr);
    EXPECT_EQ(s.r2.next, 0u);
    EXPECT_EQ(s.r2.prev, &s.r1) << "the rest of the stack stays linked";
    core::remove_reply(s.r2);
    EXPECT_EQ(s.r1.next, 0u);
    EXPECT_EQ(s.a.sched_context, nullptr);
    EXPECT_EQ(invariants(), nullptr);
}

TEST(Reply, FinalisingAReplyObjectPopsItsCall) {
    Stack s;
    core::push_reply(s.client, s.a, s.r1, true);
    core::finalise_reply(s.r1);
    EXPECT_EQ(s.client.sched_context, &s.sc);
    EXPECT_EQ(s.client.state, ThreadState::Inactive);
    EXPECT_EQ(invariants(), nullptr);
}

TEST(Reply, InvariantsCatchBrokenLinks) {
    Stack s;
    s.call_chain();
    s.r2.prev = nullptr;
    EXPECT_STREQ(invariants(), "a newer call does not lead back");  // seen from the client's r1
    s.r2.prev = &s.r1;
    s.sc.tcb = &s.a;
    EXPECT_STREQ(invariants(), "a thread's scheduling context is bound to another");
    s.sc.tcb = &s.b;
    s.r1.tcb = &s.b;
    EXPECT_STREQ(invariants(), "a thread's reply object names another thread");
    s.r1.tcb = &s.client;
    s.client.state = ThreadState::Running;
    EXPECT_STREQ(invariants(), "a thread neither receiving nor called holds a reply object");
    s.client.state = ThreadState::BlockedOnReply;
    EXPECT_EQ(invariants(), nullptr);
}

// From the reply objects' side: a call in a stack whose thread no longer waits on it, or a stack
// that loops, is seen even when every thread's own links look right; the fastpath's check of
// two threads sees the same.
TEST(Reply, InvariantsSeeStacksFromTheReplySide) {
    Stack s;
    s.call_chain();
    s.client.reply = nullptr;
    s.client.state = ThreadState::Inactive;
    EXPECT_STREQ(invariants(), "a call in a stack names no thread waiting on it");
    EXPECT_STREQ(core::check_donation_of(s.a, s.b), "a call in a stack names no thread waiting on it");
    s.client.reply = &s.r1;
    s.client.state = ThreadState::BlockedOnReply;
    EXPECT_EQ(core::check_donation_of(s.a, s.b), nullptr);
    s.r1.prev = &s.r2;
    EXPECT_STREQ(core::check_donation_of(s.a, s.b), "a call stack does not end");
    s.r1.prev = nullptr;
    EXPECT_EQ(invariants(), nullptr);
}

}  // namespace
