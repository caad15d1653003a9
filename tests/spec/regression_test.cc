// Sequences on which the kernel and the specification once disagreed, as the differential driver
// printed them after shrinking (./keel spec-check). Each must now run without a divergence.
#include "regression.h"

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

// seL4 takes the interrupt that preempts an invocation inside the system call (checkInterrupt),
// while the thread is still in Restart, and timerTick charges only Running threads: a long
// operation preempted again and again keeps its time slice. The kernel returned to user mode
// first, so each preemption cost a tick and the fifth handed the processor to the next thread.
TEST(SpecRegression, APreemptedInvocationIsNotChargedATick) {
    const diff::Step retype_preempted{.syscall = -4, .cptr = 0x1, .info = 0x1086,
        .words = {0x8, 0x2, 0x0, 0x0, 0x2f, 0x3, 0x0, 0x0}, .caps = {0x2, 0x0, 0x0}, .receive = {0x0, 0x0, 0x0},
        .preempt = true};
    expect_agreement({
        {.syscall = -4, .cptr = 0x2, .info = 0x11082, .words = {0x1, 0x40, 0x8, 0x40, 0xf, 0x1, 0x0, 0x0}, .caps = {0x2, 0x2, 0x0}, .receive = {0x0, 0x0, 0x0}},
        retype_preempted, retype_preempted, retype_preempted, retype_preempted, retype_preempted, retype_preempted,
    });
}

// DomainSet_Set on the running thread asks for a reschedule (seL4's setDomain), so the
// higher-priority thread the world starts ready runs; the kernel only wrote the domain.
TEST(SpecRegression, SettingTheRunningThreadsDomainReschedules) {
    expect_agreement({
        {.syscall = -1, .cptr = 0x3, .info = 0x1e081, .words = {0x0}, .caps = {0x4}},
    });
}

// A fault handler without an IPC buffer replies to an UnknownSyscall fault with 5 words: only the
// first four (its message registers) rewrite the faulting thread's registers (seL4's
// copyMRsFaultReply skips the rest without a buffer); the kernel wrote 0 into the fifth (RSI).
TEST(SpecRegression, FaultReplyWithoutABufferRewritesOnlyMessageRegisters) {
    expect_agreement({
        {.syscall = -7, .cptr = 0x0, .info = 0x0, .words = {0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0}, .caps = {0x0, 0x0, 0x0}, .receive = {0x0, 0x0, 0x0}},
        {.syscall = 1, .cptr = 0x0, .info = 0x0, .words = {0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0}, .caps = {0x0, 0x0, 0x0}, .receive = {0x0, 0x0, 0x0}},
        {.syscall = -16, .cptr = 0x0, .info = 0x0, .words = {0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0}, .caps = {0x0, 0x0, 0x0}, .receive = {0x0, 0x0, 0x0}},
        {.syscall = -1, .cptr = 0xf, .info = 0x9181, .words = {0x0, 0x1f, 0x4e, 0xaf, 0x78, 0x85302ae222fdc307, 0x3e, 0xa8}, .caps = {0x2, 0x28, 0x25}, .receive = {0x0, 0x0, 0x0}},
        {.syscall = -1, .cptr = 0xf, .info = 0x3184, .words = {0x4bbc5a440d8d4149, 0x2, 0x19, 0x80, 0xe2, 0x54, 0xaed9c2e9aab71092, 0x7e}, .caps = {0xc, 0x6, 0x20}, .receive = {0x0, 0x0, 0x0}},
        {.syscall = -1, .cptr = 0xe, .info = 0x3102, .words = {0x43, 0x0, 0xa8, 0xf279a39cff8119b, 0xba, 0x32, 0xb7, 0x4a}, .caps = {0x11, 0xc, 0x28}, .receive = {0x0, 0x0, 0x0}},
        {.syscall = -1, .cptr = 0xa, .info = 0x1186, .words = {0xa, 0xc, 0xb, 0x1, 0xf, 0xaaf42a3885fb8bb5, 0xa, 0xa}, .caps = {0x12, 0xe, 0xa}, .receive = {0x2, 0x19, 0x40}},
        {.syscall = -5, .cptr = 0xa, .info = 0x0, .words = {0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0}, .caps = {0x0, 0x0, 0x0}, .receive = {0x0, 0x0, 0x0}},
        {.syscall = -6, .cptr = 0x0, .info = 0xd00, .words = {0x5, 0xa0093cabe4266042, 0x4, 0x6, 0x6, 0xf, 0xa, 0x6}, .caps = {0x21, 0x1c, 0x27}, .receive = {0x2, 0x25, 0x40}},
        {.syscall = -1, .cptr = 0xa, .info = 0x2180, .words = {0xaf839e3a21228c5, 0xc, 0x6a0e26b5cc5f7702, 0xc, 0x7, 0x0, 0xb, 0xb}, .caps = {0x69129df60f2f47f7, 0x21, 0x3e}, .receive = {0x2, 0x23, 0x40}},
        {.syscall = -7, .cptr = 0x0, .info = 0x0, .words = {0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0}, .caps = {0x0, 0x0, 0x0}, .receive = {0x0, 0x0, 0x0}},
        {.syscall = -5, .cptr = 0xa, .info = 0x0, .words = {0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0}, .caps = {0x0, 0x0, 0x0}, .receive = {0x2, 0x23, 0x40}},
        {.syscall = -2, .cptr = 0xb, .info = 0x1005, .words = {0xb, 0x3, 0x5, 0x1, 0xc, 0x20d8a08d497c6bb8, 0xa, 0x0}, .caps = {0xe, 0x13, 0xa}, .receive = {0x0, 0x0, 0x0}},
        {.syscall = -2, .cptr = 0xc, .info = 0x602, .words = {0x8, 0x9, 0x1, 0xc, 0x4, 0x8, 0x9, 0x3}, .caps = {0x15, 0x25, 0x11}, .receive = {0x2, 0x1c, 0x40}},
        {.syscall = -4, .cptr = 0xb, .info = 0xf6, .words = {0x5, 0xd, 0x8, 0x9, 0xa, 0xc, 0x1ef8d334870b4c9d, 0x4}, .caps = {0x27, 0xe, 0x6d}, .receive = {0x2, 0x1a, 0x40}},
        {.syscall = -1, .cptr = 0xa, .info = 0x184, .words = {0x598abb44e963818f, 0x4, 0x0, 0x8, 0xe, 0x709a7fd5a5d44b22, 0x7, 0xc}, .caps = {0x3, 0xd, 0x1e}, .receive = {0x2, 0x28, 0x28}},
        {.syscall = -4, .cptr = 0xc, .info = 0xb082, .words = {0xf5, 0x9, 0xdc, 0x55, 0x11, 0xd1abede7a445fefd, 0xa2, 0xf4}, .caps = {0x2, 0x1d, 0x8}, .receive = {0x0, 0x0, 0x0}},
        {.syscall = -2, .cptr = 0xa, .info = 0x7060, .words = {0x9, 0xa, 0x3, 0xc, 0xf, 0x9, 0x9a8132cf2258a4f0, 0x8}, .caps = {0x26, 0x17, 0xc}, .receive = {0x2, 0x13, 0x40}},
        {.syscall = -2, .cptr = 0xb, .info = 0x3185, .words = {0xd, 0xc9abb365d3ef075c, 0x9, 0xf, 0x8, 0xc, 0x0, 0x2}, .caps = {0xc, 0x5, 0x25}, .receive = {0x0, 0x0, 0x0}},
    });
}

// The TLB model: each sequence below diverges when the shared paging code (mmu.cc) leaves out
// one of its flushes. The root thread runs first, in the PML4 of slot 8 (frame 49 at 0x1000 in
// page table 53); its load or store fills the TLB before the invocation that must invalidate it.

// Unmap of a 4 KiB frame: invlpg of its address (without it the root thread still reaches the frame).
TEST(SpecRegression, UnmappingAFrameInvalidatesItsTranslation) {
    expect_agreement({
        {.access = true, .write = true, .vaddr = 0x1008, .value = 0x1234},
        {.syscall = -1, .cptr = 0x31, .info = 0x28000},
        {.access = true, .write = false, .vaddr = 0x1008},
    });
}

// Map again at the same address with fewer rights: invlpg (else the store still goes through).
TEST(SpecRegression, RemappingAFrameReadOnlyInvalidatesItsTranslation) {
    expect_agreement({
        {.access = true, .write = true, .vaddr = 0x1010, .value = 0x5678},
        {.syscall = -1, .cptr = 0x31, .info = 0x27083, .words = {0x1000, 0x2, 0x0}, .caps = {0x8, 0x0, 0x0}},
        {.access = true, .write = true, .vaddr = 0x1010, .value = 0x9abc},
    });
}

// Unmap of a page table: the whole address space is flushed (a CR3 write).
TEST(SpecRegression, UnmappingAPageTableFlushesTheAddressSpace) {
    expect_agreement({
        {.access = true, .write = false, .vaddr = 0x1018},
        {.syscall = -1, .cptr = 0x35, .info = 0x26000},
        {.access = true, .write = false, .vaddr = 0x1018},
    });
}

// SetSpace on a thread whose CTable holds the last cap to a CNode: seL4's decodeSetSpace (and
// decodeTCBConfigure) refuse with IllegalOperation (slotCapLongRunningDelete) before looking at
// the new roots; the kernel went on and replaced the CTable. Found once SetSpace could succeed
// (a mapped PML4 as VTable). The root thread makes a 2-slot CNode (20), gives it to thread 1 as
// CSpace (with the PML4 of slot 8), deletes its own cap to it, and calls SetSpace again.
TEST(SpecRegression, SetSpaceRefusesWhileTheOldCSpaceIsTheLastCap) {
    expect_agreement({
        {.syscall = -1, .cptr = 0x1, .info = 0x1086, .words = {0x4, 0x1, 0x0, 0x0, 0x14, 0x1}, .caps = {0x2, 0x0, 0x0}},
        {.syscall = -1, .cptr = 0xe, .info = 0xa103, .words = {0xa, 0x0, 0x0}, .caps = {0x14, 0x8, 0x0}},
        {.syscall = -1, .cptr = 0x2, .info = 0x12002, .words = {0x14, 0x40}},
        {.syscall = -1, .cptr = 0xe, .info = 0xa103, .words = {0xa, 0x0, 0x0}, .caps = {0x2, 0x8, 0x0}},
    });
}

// Interrupts. The world routes pin 4 of I/O APIC 0 to IRQ 16 (handler cap in slot 62) and an MSI
// to IRQ 17 (slot 63), both signalling the notification of slot 12. Each sequence below diverges
// when the kernel's IRQ code leaves out the step its name gives: the driver compares every IRQ's
// state and source, every pin's redirection entry and the IRQ node's slots after each step.

// An interrupt signals the notification with the badge of the cap in the IRQ node and masks the
// pin; a second one is not taken until IRQHandler_Ack unmasks it; after IRQHandler_Clear one
// signals nothing. (Here a badge-5 copy of the notification in slot 20; NBRecv on slot 12 takes
// the word.)
TEST(SpecRegression, AnInterruptSignalsAndStaysMaskedUntilAcknowledged) {
    expect_agreement({
        {.syscall = -1, .cptr = 0x2, .info = 0x15086, .words = {0x14, 0x40, 0xc, 0x40, 0xf, 0x5}, .caps = {0x2}},
        {.syscall = -1, .cptr = 0x3e, .info = 0x1c080, .caps = {0x14}},
        {.interrupt = true, .ioapic = 0, .pin = 4},
        {.syscall = -8, .cptr = 0xc},
        {.interrupt = true, .ioapic = 0, .pin = 4},
        {.syscall = -8, .cptr = 0xc},
        {.syscall = -1, .cptr = 0x3e, .info = 0x1b000},
        {.interrupt = true, .ioapic = 0, .pin = 4},
        {.syscall = -8, .cptr = 0xc},
        {.syscall = -1, .cptr = 0x3e, .info = 0x1d000},
        {.syscall = -1, .cptr = 0x3e, .info = 0x1b000},
        {.interrupt = true, .ioapic = 0, .pin = 4},
    });
}

// Deleting the last handler cap deletes the notification cap in the IRQ node, makes the IRQ
// inactive and masks its pin; the IRQ may then be issued again (here on pin 5), and an MSI to
// its vector, which MSIs cannot mask, finds no notification and masks pin 5.
TEST(SpecRegression, DeletingAHandlerFreesItsIrq) {
    expect_agreement({
        {.syscall = -1, .cptr = 0x2, .info = 0x12002, .words = {0x3e, 0x40}},
        {.interrupt = true, .ioapic = 0, .pin = 4},
        {.syscall = -1, .cptr = 0x3d, .info = 0x33087, .words = {0x3e, 0x40, 0x0, 0x5, 0x1, 0x1, 0x0}, .caps = {0x2}},
        {.interrupt = true, .msi = true, .vector = 0x30},
        {.syscall = -1, .cptr = 0x3e, .info = 0x1d000},
        {.syscall = -1, .cptr = 0x3e, .info = 0x1b000},
    });
}

// Revoking IRQ control deletes every handler cap it issued (the handlers are its children).
TEST(SpecRegression, RevokingIrqControlDeletesEveryHandler) {
    expect_agreement({
        {.syscall = -1, .cptr = 0x2, .info = 0x11002, .words = {0x3d, 0x40}},
        {.interrupt = true, .msi = true, .vector = 0x31},
        {.interrupt = true, .ioapic = 0, .pin = 4},
    });
}

// seL4's order of checks: an IRQ already taken is RevokeFirst before the pin is looked at, the
// IRQ past 107 is a RangeError, the destination slot is checked before the PCI address; the pin,
// level and polarity (and bus, device, function) each have their own range. IRQControl_Get is
// IllegalOperation with I/O APICs. SetNotification takes only a notification cap with Send
// rights (slot 21: a copy without it). Each reply's error words are compared.
TEST(SpecRegression, IrqControlAndHandlerErrorsInSeL4sOrder) {
    expect_agreement({
        {.syscall = -1, .cptr = 0x3d, .info = 0x33087, .words = {0x40, 0x40, 0x7, 0x99, 0x0, 0x0, 0x0}, .caps = {0x2}},
        {.syscall = -1, .cptr = 0x3d, .info = 0x34087, .words = {0x40, 0x40, 0x0, 0x0, 0x0, 0x0, 0x6c}, .caps = {0x2}},
        {.syscall = -1, .cptr = 0x3d, .info = 0x34087, .words = {0x3e, 0x40, 0x100, 0x0, 0x0, 0x0, 0x5}, .caps = {0x2}},
        {.syscall = -1, .cptr = 0x3d, .info = 0x33087, .words = {0x40, 0x40, 0x1, 0x10, 0x0, 0x0, 0x5}, .caps = {0x2}},
        {.syscall = -1, .cptr = 0x3d, .info = 0x33087, .words = {0x40, 0x40, 0x0, 0x3, 0x0, 0x2, 0x5}, .caps = {0x2}},
        {.syscall = -1, .cptr = 0x3d, .info = 0x34087, .words = {0x40, 0x40, 0x0, 0x20, 0x0, 0x0, 0x5}, .caps = {0x2}},
        {.syscall = -1, .cptr = 0x3d, .info = 0x1a083, .words = {0x10, 0x40, 0x40}, .caps = {0x2}},
        {.syscall = -1, .cptr = 0x2, .info = 0x15086, .words = {0x15, 0x40, 0xc, 0x40, 0xe, 0x0}, .caps = {0x2}},
        {.syscall = -1, .cptr = 0x3e, .info = 0x1c080, .caps = {0x15}},
        {.syscall = -1, .cptr = 0x3e, .info = 0x1c080, .caps = {0xa}},
        {.syscall = -1, .cptr = 0x3e, .info = 0x1c000},
    });
}
