// MCS sequences pinned for the differential driver (spec.mcs.SpecRegression.*): the paths of
// donation and reply objects each run on the MCS kernel core and the MCS specification without a
// divergence. The world (tests/spec/differential.cc): reply objects in slots 70-72, the threads'
// scheduling contexts in 73 (thread 1, TCB in 14, priority 100) and 74 (thread 2, TCB in 15,
// priority 110), the root thread's (priority 100) in 75; endpoints in 10 and 11.
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
