// riscv64 sequences on which the kernel and the specification must agree, each pinning what a
// planted bug in kernel/arch/riscv64/src/mmu.cc broke (docs/spec.md): the driver's riscv64 world.
#include "regression.h"

// The root thread reads through the frame mapped at 0x1000 (slot 49), filling the TLB, then
// unmaps it: seL4's unmapPage ends with sfence(), so the next view of 0x1000 is no frame. Without
// the sfence the TLB still gives the frame.
TEST(SpecRegression, UnmappingAFrameFlushesTheTlb) {
    expect_agreement({
        {.access = true, .write = false, .vaddr = 0x1008, .value = 0x0},
        {.syscall = -4, .cptr = 0x31, .info = 0x24000},
        {.access = true, .write = true, .vaddr = 0x1010, .value = 0x5},
    });
}

// RISCVPageMap of an unmapped frame (slot 51) at an unaligned address above USER_TOP: seL4 checks
// the address against USER_TOP (InvalidArgument) before its alignment (AlignmentError). Then an
// aligned one just below the top (AlignmentError is not it either: it maps).
TEST(SpecRegression, PageMapChecksUserTopBeforeAlignment) {
    expect_agreement({
        {.syscall = -1, .cptr = 0x33, .info = 0x23083, .words = {0x3ffffff008, 0x3, 0x0}, .caps = {0x8, 0x0, 0x0}},
        {.syscall = -1, .cptr = 0x33, .info = 0x23083, .words = {0x3fffffe000, 0x3, 0x0}, .caps = {0x8, 0x0, 0x0}},
    });
}

// IssueIRQHandlerTrigger: IRQ 0 and 97 are RangeErrors [1, 96], the timer's 96 is taken
// (RevokeFirst), IRQ 12 is issued to slot 64; raised, it signals and stays enabled (seL4 on RISC-V
// masks no signalled IRQ): raised again before the Ack, it signals again.
TEST(SpecRegression, IssueIrqHandlerTriggerInSeL4sOrder) {
    expect_agreement({
        {.syscall = -1, .cptr = 0x3d, .info = 0x28084, .words = {0x0, 0x0, 0x40, 0x40}, .caps = {0x2, 0x0, 0x0}},
        {.syscall = -1, .cptr = 0x3d, .info = 0x28084, .words = {0x61, 0x0, 0x40, 0x40}, .caps = {0x2, 0x0, 0x0}},
        {.syscall = -1, .cptr = 0x3d, .info = 0x28084, .words = {0x60, 0x0, 0x40, 0x40}, .caps = {0x2, 0x0, 0x0}},
        {.syscall = -1, .cptr = 0x3d, .info = 0x28084, .words = {0xc, 0x1, 0x40, 0x40}, .caps = {0x2, 0x0, 0x0}},
        {.syscall = -1, .cptr = 0x40, .info = 0x1c080, .caps = {0xc, 0x0, 0x0}},
        {.interrupt = true, .pin = 0xc},
        {.interrupt = true, .pin = 0xc},
        {.syscall = -1, .cptr = 0x40, .info = 0x1b000},
    });
}
