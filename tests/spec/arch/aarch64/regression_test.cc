// aarch64 sequences on which the kernel and the specification must agree, each pinning what a
// planted bug in kernel/arch/aarch64/src/mmu.cc broke (docs/spec.md): the driver's aarch64 world.
#include "regression.h"

// The root thread reads through the frame mapped at 0x1000 (slot 49), filling the TLB, then
// unmaps it: seL4's unmapPage invalidates the page's translation for the ASID, so the next view of
// 0x1000 is no frame. Without that TLBI the TLB still gives the frame.
TEST(SpecRegression, UnmappingAFrameFlushesTheTlb) {
    expect_agreement({
        {.access = true, .write = false, .vaddr = 0x1008, .value = 0x0},
        {.syscall = -1, .cptr = 0x31, .info = 0x29000},
        {.access = true, .write = true, .vaddr = 0x1010, .value = 0x5},
    });
}

// ARMPageMap of the frame mapped at 0x1000 again, read-only, after a store filled the TLB: the
// entry is replaced and its old translation invalidated, so the next store faults. Without the
// TLBI the thread still writes through the read-write translation.
TEST(SpecRegression, RemappingAFrameReadOnlyFlushesTheTlb) {
    expect_agreement({
        {.access = true, .write = true, .vaddr = 0x1008, .value = 0x7},
        {.syscall = -1, .cptr = 0x31, .info = 0x28083, .words = {0x1000, 0x2, 0x0}, .caps = {0x8, 0x0, 0x0}},
        {.access = true, .write = true, .vaddr = 0x1010, .value = 0x5},
    });
}

// The Page and VSpace cache operations' checks in seL4's order: an unmapped frame (51) is an
// IllegalOperation; an empty range InvalidArgument 1, one past the page InvalidArgument 0; a
// VSpace range across two pages a RangeError, one past USER_TOP an IllegalOperation, one that
// starts where nothing is mapped no error.
TEST(SpecRegression, CacheOperationsInSeL4sOrder) {
    expect_agreement({
        {.syscall = -1, .cptr = 0x33, .info = 0x2a002, .words = {0x0, 0x40}},
        {.syscall = -1, .cptr = 0x31, .info = 0x2a002, .words = {0x80, 0x40}},
        {.syscall = -1, .cptr = 0x31, .info = 0x2b002, .words = {0x0, 0x1001}},
        {.syscall = -1, .cptr = 0x31, .info = 0x2d002, .words = {0x0, 0x1000}},
        {.syscall = -1, .cptr = 0x8, .info = 0x21002, .words = {0x1f00, 0x2100}},
        {.syscall = -1, .cptr = 0x8, .info = 0x22002, .words = {0x1000, 0x800000000001}},
        {.syscall = -1, .cptr = 0x8, .info = 0x23002, .words = {0x9000, 0x9040}},
    });
}

// IssueIRQHandlerTrigger: IRQ 160 is a RangeError [0, 159], the timer's 27 is taken
// (RevokeFirst), IRQ 40 is issued to slot 66; raised, it signals and is masked (seL4 on Arm): raised
// again before the Ack, nothing; after the Ack, it signals again.
TEST(SpecRegression, IssueIrqHandlerTriggerMasksUntilAck) {
    expect_agreement({
        {.syscall = -1, .cptr = 0x3d, .info = 0x31084, .words = {0xa0, 0x0, 0x42, 0x40}, .caps = {0x2, 0x0, 0x0}},
        {.syscall = -1, .cptr = 0x3d, .info = 0x31084, .words = {0x1b, 0x0, 0x42, 0x40}, .caps = {0x2, 0x0, 0x0}},
        {.syscall = -1, .cptr = 0x3d, .info = 0x31084, .words = {0x28, 0x1, 0x42, 0x40}, .caps = {0x2, 0x0, 0x0}},
        {.syscall = -1, .cptr = 0x42, .info = 0x1c080, .caps = {0xc, 0x0, 0x0}},
        {.interrupt = true, .pin = 0x28},
        {.interrupt = true, .pin = 0x28},
        {.syscall = -1, .cptr = 0x42, .info = 0x1b000},
        {.interrupt = true, .pin = 0x28},
    });
}
