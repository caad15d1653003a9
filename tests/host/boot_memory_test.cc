// Boot-time physical memory bookkeeping.
#include <gtest/gtest.h>
#include "boot/memory.h"

using boot::BootMemory;

TEST(BootMemory, ReserveSplitsARange) {
    BootMemory m;
    m.add_free(0x100000, 0x200000);
    m.reserve(0x140000, 0x150000);
    ASSERT_EQ(m.count(), 2u);
    EXPECT_EQ(m.range(0).start, 0x100000u);
    EXPECT_EQ(m.range(0).end, 0x140000u);
    EXPECT_EQ(m.range(1).start, 0x150000u);
    EXPECT_EQ(m.total_free(), 0xf0000u);
}

TEST(BootMemory, AllocRespectsAlignmentAndNeverOverlaps) {
    BootMemory m;
    m.add_free(0x100800, 0x104000);
    word a = m.alloc(0x1000, 12);
    word b = m.alloc(0x1000, 12);
    EXPECT_EQ(a, 0x101000u);
    EXPECT_EQ(b, 0x102000u);
    EXPECT_EQ(m.alloc(0x2000, 12), 0u) << "only one page is left";
    EXPECT_EQ(m.alloc(0x1000, 12), 0x103000u);
}

TEST(BootMemory, OverlappingMapEntriesAreMergedNotDoubleCounted) {
    BootMemory m;
    m.add_free(0x100000, 0x300000);
    m.add_free(0x200000, 0x400000);
    EXPECT_EQ(m.total_free(), 0x300000u);
}

TEST(BootMemory, EmptyAndInvertedRangesAreIgnored) {
    BootMemory m;
    m.add_free(0x5000, 0x5000);
    m.add_free(0x6000, 0x5000);
    EXPECT_EQ(m.count(), 0u);
    EXPECT_EQ(m.alloc(1, 0), 0u);
}
