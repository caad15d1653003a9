// Boot-time physical memory bookkeeping.
#include <gtest/gtest.h>
#include "arch/kernel_window.h"
#include "arch/multiboot.h"
#include "boot/memory.h"
#include "memory_maps.h"

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

namespace {
using test_maps::gib;
constexpr word window = arch::window::max_size;
}  // namespace

TEST(BootRam, RamAboveFourGiBIsKept) {
    BootMemory m;
    boot::add_ram(m, test_maps::q35_6g(), 0x100000, window);
    ASSERT_EQ(m.count(), 2u);
    EXPECT_EQ(m.range(0).start, 0x100000u);
    EXPECT_EQ(m.range(0).end, 0x7ffe0000u);
    EXPECT_EQ(m.range(1).start, 4 * gib);
    EXPECT_EQ(m.range(1).end, 8 * gib);
    EXPECT_EQ(m.alloc(gib, 30), 4 * gib) << "the first GiB-aligned GiB of RAM is above 4 GiB";
}

TEST(BootRam, RamPastTheWindowIsLeftToDevices) {
    boot::BootParams p;
    p.add_region(500 * gib, 20 * gib, 1);  // crosses the window's end
    p.add_region(600 * gib, gib, 1);       // wholly past it
    p.add_region(~word{0} - 0xfff, 0x2000, 1);  // wraps around
    BootMemory m;
    boot::add_ram(m, p, 0x100000, window);
    ASSERT_EQ(m.count(), 1u);
    EXPECT_EQ(m.range(0).start, 500 * gib);
    EXPECT_EQ(m.range(0).end, window);
}

TEST(BootRam, RegionsAreTakenInWholePagesAboveTheFirstMiB) {
    boot::BootParams p;
    p.add_region(0x80000, 0x100000, 1);             // from below 1 MiB: cut at 1 MiB
    p.add_region(0x300010, 0x3000, 1);              // unaligned: only whole pages
    p.add_region(0x400000, 0x800, 1);               // less than a page: nothing
    p.add_region(0x500000, 0x100000, 2);            // reserved: nothing
    BootMemory m;
    boot::add_ram(m, p, 0x100000, window);
    ASSERT_EQ(m.count(), 2u);
    EXPECT_EQ(m.range(0).start, 0x100000u);
    EXPECT_EQ(m.range(0).end, 0x180000u);
    EXPECT_EQ(m.range(1).start, 0x301000u);
    EXPECT_EQ(m.range(1).end, 0x303000u);
}
