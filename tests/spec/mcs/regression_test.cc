// MCS sequences pinned for the differential driver (spec.mcs.SpecRegression.*): the paths of
// donation and reply objects each run on the MCS kernel core and the MCS specification without a
// divergence. The world (tests/spec/differential.cc): reply objects in slots 70-72, the threads'
// scheduling contexts in 73 (thread 1, TCB in 14, priority 100, its timeout handler endpoint 11) and 74 (thread 2, TCB in 15,
// priority 110), the root thread's (priority 100) in 75; endpoints in 10 and 11.
#include "generated/invocations.h"
#include "regression.h"

namespace {

constexpr std::int64_t Call = -1, ReplyRecv = -2, Send = -5, Recv = -7, NBRecv = -8, Yield = -11;
constexpr diff::word Bind = 34, Unbind = 35, Consumed = 37;

diff::Step step(std::int64_t syscall, diff::word cptr, diff::word info = 0, diff::word reply = 0) {
    return {.syscall = syscall, .cptr = cptr, .info = info, .reply = reply};
}

diff::Step sched_context(diff::word slot, diff::word label, diff::word thread = 0) {
    diff::Step s = step(Call, slot, (label << 12) | (thread ? 1 << 7 : 0));
    s.caps = {thread, 0, 0};
    return s;
}

// The root thread lets thread 2 wait on endpoint 11 and thread 1 on endpoint 10, each with a
// reply object, and takes thread 1's scheduling context away: thread 1 is a passive server.
std::vector<diff::Step> passive_server() {
    return {step(Yield, 0), step(Recv, 11, 0, 71), step(Recv, 10, 0, 70), sched_context(73, Unbind)};
}

// The scheduling context in `slot` gets `budget` us every `period` us; `sporadic` sets
// seL4_SchedContext_Sporadic; its badge is 7.
diff::Step configure(diff::word slot, diff::word budget, diff::word period, bool sporadic) {
    constexpr diff::word ConfigureFlags = 33;
    diff::Step s = step(Call, 76, (ConfigureFlags << 12) | (1 << 7) | 5);
    s.words = {budget, period, 0, 7, sporadic ? 1u : 0u, 0, 0, 0};
    s.caps = {slot, 0, 0};
    return s;
}

diff::Step ticks_pass(diff::word ticks) { return {.tick = true, .ticks = ticks}; }

}  // namespace

// A Call to a passive server donates the caller's scheduling context along with the reply object;
// the server's ReplyRecv gives it back and waits passive again; the caller runs on.
TEST(SpecRegression, CallDonatesToAPassiveServerAndTheReplyReturnsIt) {
    std::vector<diff::Step> steps = passive_server();
    steps.insert(steps.end(), {step(Call, 10, 1), step(ReplyRecv, 10, 1, 70), sched_context(75, Consumed)});
    expect_agreement(steps);
}

// A reply object received on while it holds a caller cancels that caller ("Reply object already
// has unexecuted reply!"): the root thread's call is cut, its scheduling context stays with the
// server, which then sends to thread 2 (which preempts it) and runs on it again.
TEST(SpecRegression, ReceivingOnAReplyObjectThatHoldsACallerCancelsIt) {
    std::vector<diff::Step> steps = passive_server();
    steps.insert(steps.end(), {step(Call, 10, 1), step(NBRecv, 10, 0, 70), step(Send, 11, 1), step(Yield, 0)});
    expect_agreement(steps);
}

// Binding a scheduling context back to the passive server queues it; it runs once the root thread
// yields.
TEST(SpecRegression, BindingASchedulingContextQueuesItsThread) {
    std::vector<diff::Step> steps = passive_server();
    steps.insert(steps.end(), {step(Call, 10, 1), step(Send, 70, 1), sched_context(73, Bind, 14),
                               sched_context(75, Consumed), step(Yield, 0)});
    expect_agreement(steps);
}

// Time (a hundred ticks a microsecond): thread 2's sporadic context of 1 ms every 2 ms is used up
// by a Yield and waits for its release a period after it started. The timer is set a microsecond
// early; half a microsecond before the release the thread is still waiting (refill_ready has no
// worst-case execution time margin in seL4 16.0.0: the model released it early), then it runs.
TEST(SpecRegression, ASporadicThreadIsReleasedAtItsRefillTimeNotBefore) {
    expect_agreement({configure(74, 1000, 2000, true), step(Yield, 0), ticks_pass(199'950), ticks_pass(100),
                      step(Yield, 0)});
}

// Time used without a timer interrupt is charged when another scheduling context runs
// (switchSchedContext's commitTime): thread 2 blocks after 10 us and its round-robin refills
// move them from head to tail; Consumed tells it.
TEST(SpecRegression, TimeUsedIsChargedWhenTheSchedulingContextChanges) {
    expect_agreement({ticks_pass(1000), step(Recv, 11, 0, 71), sched_context(74, Consumed)});
}

// A round-robin budget of 100 us used up: the timer (at the budget's end less a microsecond)
// finds less than MIN_BUDGET left, the refills are whole again and thread 2 goes to the back of
// its queue (still the highest priority, so it runs on); the next entry reads the clock again.
TEST(SpecRegression, AUsedUpRoundRobinBudgetEndsTheTimeSlice) {
    expect_agreement({configure(74, 100, 100, false), ticks_pass(9'950), ticks_pass(500), step(Yield, 0),
                      ticks_pass(30'000), sched_context(74, Consumed)});
}

// Thread 2 (running first) gives thread 1 100 us every ms and waits on endpoint 11, thread 1's
// timeout handler; the root thread yields to thread 1, whose budget runs out at the timer: a
// timeout fault (badge 7, the time used) goes to thread 2, whose empty reply restarts thread 1,
// which waits for its release (no second timeout fault for a timeout's reply).
TEST(SpecRegression, AnExhaustedBudgetSendsATimeoutFaultToTheTimeoutHandler) {
    expect_agreement({configure(73, 100, 1000, false), step(Recv, 11, 0, 71), step(Yield, 0), ticks_pass(10'000),
                      step(ReplyRecv, 11, 0, 71), ticks_pass(100'000), step(Yield, 0)});
}

namespace {

constexpr diff::word UntypedRetype = 1, CNodeRevoke = 18, CNodeDelete = 19;

// A CNode operation on the root CNode (slot 2) at `slot`.
diff::Step cnode(diff::word label, diff::word slot) {
    diff::Step s = step(Call, 2, (label << 12) | 2);
    s.words = {slot, 64, 0, 0, 0, 0, 0, 0};
    return s;
}

// An untyped of 2 MiB, the whole of the untyped in slot 9, into `slot`; `ticks` pass before
// every read of the clock while the kernel runs.
diff::Step retype_whole_big_untyped(diff::word slot, diff::word ticks) {
    diff::Step s = step(Call, 9, (UntypedRetype << 12) | (1 << 7) | 6);
    s.ticks = ticks;
    s.words = {0, 21, 0, 0, slot, 1, 0, 0};
    s.caps = {2, 0, 0};
    return s;
}

}  // namespace

// Thread 2 (running first, a round-robin 5 ms budget) fills the 2 MiB untyped, revokes it and
// retypes it again: the reset clears it 256 bytes at a time, a preemption point every 100 chunks,
// and 8,192 ticks pass before each looks at the clock. The budget runs out at one (less than
// MIN_BUDGET left for the time used: seL4's preemptionPoint), the retype stops there (the
// watermark where the reset got to), the time is charged (mcsPreemptionPoint's checkBudget) and
// thread 2, whose refills are whole again, runs the retype again to the end.
TEST(SpecRegression, ABudgetUsedUpAtAPreemptionPointStopsAnUntypedReset) {
    expect_agreement({retype_whole_big_untyped(42, 0), cnode(CNodeRevoke, 9), retype_whole_big_untyped(43, 0x2000),
                      sched_context(74, Consumed), retype_whole_big_untyped(43, 0), step(Yield, 0)});
}

// Deleting thread 2 while it waits on endpoint 11 with reply object 71 (seL4's finaliseCap of a
// TCB: schedContext_unbindTCB, then suspend's cancelIPC unlinks the reply object), then the reply
// object (linked to nothing now) and thread 2's former context (bound to nothing); last, the
// running thread 1 deletes its own context (unbound, so no thread is left to run).
TEST(SpecRegression, DeletingAThreadItsSchedulingContextAndReplyObject) {
    expect_agreement({step(Recv, 11, 0, 71), cnode(CNodeDelete, 15), cnode(CNodeDelete, 71), cnode(CNodeDelete, 74),
                      step(Yield, 0), cnode(CNodeDelete, 73)});
}

// Thread 2 deletes its own scheduling context, the current one (ksCurSC): it can no longer run,
// the time it used since the entry is not charged to the unconfigured context (commitTime skips
// it) and thread 1 or the root thread runs on its own.
TEST(SpecRegression, DeletingTheCurrentSchedulingContext) {
    diff::Step remove = cnode(CNodeDelete, 74);
    remove.ticks = 5000;
    expect_agreement({ticks_pass(3000), remove, step(Yield, 0), sched_context(73, Consumed), sched_context(75, Consumed)});
}

// Thread 2 (running first) binds thread 1's scheduling context to notification 12 as well, then
// deletes it: finaliseCap's schedContext_unbindNtfn clears the notification's side too, so its
// own context then binds to 12 (the model first cleared only the context's side and refused).
TEST(SpecRegression, DeletingASchedulingContextUnbindsItsNotification) {
    expect_agreement({sched_context(73, Bind, 12), cnode(CNodeDelete, 73), sched_context(74, Bind, 12), step(Yield, 0)});
}

// Thread 2 waits on endpoint 11 with reply object 71; the next thread calls it (no donation:
// thread 2 has its own scheduling context) and waits on 71; thread 2 deletes 71, its last cap:
// the caller's call is cut (reply_remove: not a stack's head, reply_unlink) and it is inactive.
// Then reply object 72 is deleted while thread 2 waits in receive with it (cancelIPC).
TEST(SpecRegression, DeletingAReplyObjectCutsTheCallAndCancelsTheReceive) {
    expect_agreement({step(Recv, 11, 0, 71), step(Call, 11, 1), cnode(CNodeDelete, 71), step(Recv, 11, 0, 72),
                      cnode(CNodeDelete, 72), step(Yield, 0)});
}

namespace {

using Label = core::InvocationLabel;
constexpr std::int64_t Wait = -9;
constexpr diff::word UnbindObject = 36;

// An invocation of the cap in `slot` (a thread's: 14, 15 or the root thread's 4; the domain cap:
// 3) with `words` and the extra caps `caps`.
diff::Step invoke(diff::word slot, Label label, std::array<diff::word, 8> words, diff::word length,
               std::array<diff::word, 3> caps, diff::word extra) {
    diff::Step s = step(Call, slot, (static_cast<diff::word>(label) << 12) | (extra << 7) | length);
    s.words = words;
    s.caps = caps;
    return s;
}

// MCS SetSchedParams of `slot`'s thread: MCP 255, `prio`, thread 2 (15) as authority, the
// scheduling context in `sc` (0: none), the fault handler in `handler`.
diff::Step set_sched_params(diff::word slot, diff::word prio, diff::word sc, diff::word handler) {
    return invoke(slot, Label::TCBSetSchedParams, {255, prio, 0, 0, 0, 0, 0, 0}, 2, {15, sc, handler}, 3);
}

}  // namespace

// MCS SetSchedParams (the root thread, running first): thread 1 loses its scheduling context
// (none given, not the caller's own) and gets it back at priority 120 with endpoint 11 as fault
// handler: bound, queued and, above every other thread, it runs; its own scheduling context
// cannot be taken from it (IllegalOperation), a notification cap as scheduling context is an
// invalid cap 2.
TEST(SpecRegression, SetSchedParamsUnbindsAndBindsASchedulingContext) {
    expect_agreement({set_sched_params(14, 100, 0, 10), set_sched_params(14, 120, 73, 11), set_sched_params(14, 120, 0, 10),
                      set_sched_params(15, 100, 12, 10), sched_context(73, Consumed)});
}

// MCS SetTimeoutEndpoint and SetSpace (the root thread on thread 2): a notification cap as
// handler is refused (invalid cap 1), endpoint 10 becomes its timeout handler, none (the null
// cap) its fault handler with the root CNode and its VSpace root again; Suspend and Resume of
// thread 1.
TEST(SpecRegression, SetTimeoutEndpointAndSetSpaceInstallHandlerCaps) {
    constexpr auto set_timeout_endpoint = static_cast<Label>(static_cast<diff::word>(Label::TCBSetSchedParams) + 1);
    expect_agreement({invoke(15, set_timeout_endpoint, {}, 0, {12, 0, 0}, 1), invoke(15, set_timeout_endpoint, {}, 0, {10, 0, 0}, 1),
                      invoke(15, Label::TCBSetSpace, {}, 2, {0, 2, 48}, 3), invoke(14, Label::TCBSuspend, {}, 0, {}, 0),
                      invoke(14, Label::TCBResume, {}, 0, {}, 0), step(Yield, 0)});
}

// A notification bound to a scheduling context lends it: once the root thread yields, thread 2
// binds its own to notification 12 and waits there, giving it back (seL4's
// maybeReturnSchedContext: it waits passive); the next thread's signal wakes it on that
// scheduling context (maybeDonateSchedContext) and, at 110, it runs; with the notification
// unbound, a Wait keeps the context.
TEST(SpecRegression, ANotificationLendsItsSchedulingContextToAPassiveWaiter) {
    expect_agreement({step(Yield, 0), sched_context(74, Bind, 12), step(Wait, 12), step(Send, 12, 1), sched_context(74, Consumed),
                      sched_context(74, UnbindObject, 12), step(Wait, 12), step(Send, 12, 1)});
}

// A thread blocked in Recv with notification 12 bound is woken by a signal on the scheduling
// context bound to 12 (thread 1, made passive; the context is 73 again, lent); its next blocking
// Recv gives it back (receiveIPC's bound-notification path).
TEST(SpecRegression, ASignalLendsTheBoundNotificationsContextToAPassiveReceiver) {
    std::vector<diff::Step> steps = passive_server();
    steps.insert(steps.end(), {invoke(14, Label::TCBBindNotification, {}, 0, {12, 0, 0}, 1), sched_context(73, Bind, 12),
                               step(Send, 12, 1), step(Yield, 0), step(Recv, 10, 0, 70), sched_context(75, Consumed)});
    expect_agreement(steps);
}

// DomainSet_ScheduleSetStart ends the current entry at once: the next schedule() steps to the
// start entry (seL4's nextDomain), which on MCS sets ksReprogram, so the 7.52 us thread 2 used
// since the root thread yielded are charged to its round-robin scheduling context (commitTime);
// the model first left them uncharged.
TEST(SpecRegression, ANewDomainEntryChargesTheTimeUsed) {
    diff::Step set_start = invoke(3, Label::DomainScheduleSetStart, {0, 0, 0, 0, 0, 0, 0, 0}, 1, {}, 0);
    expect_agreement({step(Yield, 0), ticks_pass(752), set_start, sched_context(74, Consumed)});
}

namespace {

// Thread 2 (running first) fills the 2 MiB untyped and revokes it, then uses up its sporadic 1 ms
// every 2 ms with a Yield: it waits for its release 2 ms on, the timer's deadline for the root
// thread (a round-robin 5 ms budget), whose retype resets the untyped with `ticks` passing before
// each read of the clock. Once thread 2 yields again, the retype runs to the end. Runs the steps
// and expects the timer's interrupt to have preempted the reset once.
void expect_a_release_deadline_to_preempt_the_reset(diff::word ticks) {
    std::size_t preempted = diff::calls_preempted_by_the_timer();
    expect_agreement({retype_whole_big_untyped(42, 0), cnode(CNodeRevoke, 9), configure(74, 1000, 2000, true),
                      step(Yield, 0), retype_whole_big_untyped(43, ticks), step(Yield, 0),
                      retype_whole_big_untyped(43, 0), sched_context(74, Consumed)});
    EXPECT_EQ(diff::calls_preempted_by_the_timer() - preempted, 1u);
}

}  // namespace

// With 4,096 ticks a read, the read at the 48th preemption point reaches the deadline with budget
// to spare: the timer's interrupt, pending, stops the reset there (seL4's preemptionPoint:
// isIRQPending), the call takes it (handleSyscall's checkInterrupt) and thread 2, released, runs.
// (Before the simulated timer raised its interrupt at a read, only the budget stopped a long
// operation: the reset ran to the end.)
TEST(SpecRegression, ADeadlineReachedMidOperationPreemptsAnUntypedReset) {
    expect_a_release_deadline_to_preempt_the_reset(0x1000);
}

// With 2.1 ms a read, the system call's entry reaches the deadline, its budget still sufficient:
// the interrupt stays pending through the entry's budget check and stops the reset at its first
// preemption point, 99 chunks in (the work units carry over), where the budget alone would have
// let it go on to the next.
TEST(SpecRegression, ADeadlineReachedAtTheEntryPreemptsAtTheFirstPoint) {
    expect_a_release_deadline_to_preempt_the_reset(210'000);
}
