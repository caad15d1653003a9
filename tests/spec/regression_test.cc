// Sequences on which the kernel and the specification once disagreed, as the differential driver
// printed them after shrinking (./keel spec-check). Each must now run without a divergence.
#include <gtest/gtest.h>
#include "differential.h"

namespace {

void expect_agreement(const std::vector<diff::Step>& steps) {
    diff::Outcome out = diff::run(steps);
    EXPECT_EQ(out.divergence, "");
    EXPECT_EQ(out.steps, steps.size()) << "the run stopped early: no thread could run";
}

}  // namespace

// A thread whose fault handler cannot take a fault (here: a ReplyRecv on an empty slot by the
// root thread, which has no handler) stops without the fault recorded (seL4's sendFaultIPC sets
// tcbFault only when it sends); the kernel kept it, so a later Send would have carried a fault
// message. The step after it (thread 2 runs) reads the root thread's state.
TEST(SpecRegression, FaultWithoutHandlerIsNotRecorded) {
    expect_agreement({
        {.syscall = -2, .cptr = 0x17, .info = 0x2f004, .words = {0x9, 0x4, 0x8, 0x5, 0x5, 0x8, 0xf, 0x7}, .caps = {0x4, 0x18, 0x17c22778d6887ce0}, .receive = {0x2, 0x1f, 0x40}},
        {.syscall = -7},
    });
}

// SetIPCBuffer with a misaligned address and a cap that is no frame: seL4 checks the cap first
// (IllegalOperation), the kernel checked the alignment first (AlignmentError).
TEST(SpecRegression, IpcBufferCapCheckedBeforeAlignment) {
    expect_agreement({
        {.syscall = -1, .cptr = 0xe, .info = 0x9104, .words = {0xf8ce, 0x3a65ea4ccece2dcf, 0x6d, 0x1f, 0x38, 0x2fea7890495e279f, 0x61, 0x9b12e28c2463ae5b}, .caps = {0xc, 0x17, 0x6}, .receive = {0x0, 0x0, 0x0}},
    });
}

// Rotate with a pivot index that fails to resolve: seL4's lookupPivotSlot reports the failed
// lookup as one of a source (MR0 = 1); the kernel said destination.
TEST(SpecRegression, RotatePivotLookupIsASourceLookup) {
    expect_agreement({
        {.syscall = -1, .cptr = 0x2, .info = 0x18108, .words = {0x11, 0x40, 0x1, 0x35ba4b2eda5a46b2, 0x40, 0x0, 0x24, 0x40}, .caps = {0x2, 0x2, 0x0}, .receive = {0x0, 0x0, 0x0}},
    });
}

// Deleting the last cap to an idle endpoint: seL4's cancelAllIPC asks for a reschedule only when
// threads were queued; the kernel always did, so the higher-priority thread the world starts
// ready (but not running) took over at once.
TEST(SpecRegression, DeletingAnIdleEndpointKeepsTheRunningThread) {
    expect_agreement({
        {.syscall = -1, .cptr = 0x2, .info = 0x12082, .words = {0xa, 0x40, 0x27, 0x40, 0xf, 0x5ada30bcc1764c50, 0x0, 0x0}, .caps = {0x2, 0x2, 0x0}, .receive = {0x0, 0x0, 0x0}},
    });
}

// A thread that faulted (thread 2: a Recv on an empty slot, delivered to its handler endpoint)
// and was resumed without a reply still holds its fault, so its next Send delivers the fault
// message; classic seL4 then wakes the sender as after any Send (only MCS kernels treat it as a
// Call). The specification had the MCS rule and the kernel was changed to follow it; a review
// against seL4's source caught both, and this sequence now pins the classic behaviour.
TEST(SpecRegression, ASenderHoldingAFaultIsWokenAsAfterASend) {
    expect_agreement({
        {.syscall = -5, .cptr = 0x1e, .info = 0x0, .words = {0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0}, .caps = {0x0, 0x0, 0x0}, .receive = {0x0, 0x0, 0x0}},
        {.syscall = -5, .cptr = 0x8, .info = 0x0, .words = {0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0}, .caps = {0x0, 0x0, 0x0}, .receive = {0x0, 0x0, 0x0}, .preempt = true},
        {.syscall = -1, .cptr = 0xf, .info = 0xc187, .words = {0x60e1d5bf753708c8, 0x9f34087e3ab86a7e, 0x70, 0xd4, 0x91, 0xcf, 0xc4, 0x99}, .caps = {0xc, 0x21, 0xa}, .receive = {0x0, 0x0, 0x0}},
        {.syscall = -3, .cptr = 0xa, .info = 0x2183, .words = {0x0, 0x5, 0x6, 0x4, 0x3, 0xc, 0x3, 0x9}, .caps = {0xc, 0x6, 0xa}, .receive = {0x0, 0x0, 0x0}},
        {.syscall = -8, .cptr = 0xa, .info = 0x0, .words = {0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0}, .caps = {0x0, 0x0, 0x0}, .receive = {0x2, 0x28, 0x40}},
    });
}

// Work units carry over from one system call to the next (seL4's ksWorkUnitsCompleted is reset
// only when it reaches the limit or the domain changes): after a Revoke's deletions, a Retype
// that resets the untyped with an interrupt pending stops at an earlier chunk. The kernel
// started every system call from zero.
TEST(SpecRegression, WorkUnitsCarryOverBetweenSystemCalls) {
    expect_agreement({
        {.syscall = -4, .cptr = 0x2, .info = 0x11082, .words = {0x1, 0x40, 0x8, 0x40, 0xf, 0x1, 0x0, 0x0}, .caps = {0x2, 0x2, 0x0}, .receive = {0x0, 0x0, 0x0}},
        {.syscall = -4, .cptr = 0x1, .info = 0x1086, .words = {0x8, 0x2, 0x0, 0x0, 0x2f, 0x3, 0x0, 0x0}, .caps = {0x2, 0x0, 0x0}, .receive = {0x0, 0x0, 0x0}, .preempt = true},
    });
}

// DomainSet_Set on the running thread asks for a reschedule (seL4's setDomain), so the
// higher-priority thread the world starts ready runs; the kernel only wrote the domain.
TEST(SpecRegression, SettingTheRunningThreadsDomainReschedules) {
    expect_agreement({
        {.syscall = -1, .cptr = 0x3, .info = 0x1e081, .words = {0x0}, .caps = {0x4}},
    });
}
