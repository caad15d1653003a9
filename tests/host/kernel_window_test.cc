// The x86_64 kernel window: how far it reaches and the entries that map it.
#include <gtest/gtest.h>
#include "arch/kernel_window.h"
#include "arch/paging.h"
#include "memory_maps.h"

namespace {

using namespace arch::window;
using arch::paging::pte_huge;
using arch::paging::pte_present;
using arch::paging::pte_user;
using arch::paging::pte_write;

using test_maps::gib;
using test_maps::q35_6g;

}  // namespace

TEST(KernelWindow, IsSeL4sPhysicalMemoryWindow) {
    EXPECT_EQ(pptr_base, 0xffffff8000000000u);
    EXPECT_EQ(pptr_top, 0xffffffff80000000u);
    EXPECT_EQ(max_size, 510 * gib);
}

TEST(KernelWindow, LargePagesReachAllRamAndTheFirstFourGiB) {
    EXPECT_EQ(large_page_extent(q35_6g()), 8 * gib);
    boot::BootParams small;
    small.add_region(0x100000, 0x1fee0000, 1);  // 512 MiB: the firmware's 4 GiB still count
    EXPECT_EQ(large_page_extent(small), 4 * gib);
    boot::BootParams odd;
    odd.add_region(4 * gib, gib + 0x1000, 1);  // a part GiB counts as a whole one
    odd.add_region(20 * gib, 0, 1);            // an empty region does not
    EXPECT_EQ(large_page_extent(odd), 6 * gib);
    boot::BootParams acpi;
    acpi.add_region(9 * gib, 0x1000, 4);  // ACPI NVS memory is read too
    EXPECT_EQ(large_page_extent(acpi), 10 * gib);
}

TEST(KernelWindow, LargePagesStopAtTheWindowsEnd) {
    boot::BootParams huge;
    huge.add_region(500 * gib, 20 * gib, 1);
    EXPECT_EQ(large_page_extent(huge), max_size);
    boot::BootParams wraps;
    wraps.add_region(~word{0} - 0xfff, 0x2000, 1);
    EXPECT_EQ(large_page_extent(wraps), max_size);
}

TEST(KernelWindow, HugePagesMapPhysicalMemoryOneToOne) {
    static u64 pdpt[512];
    pdpt[510] = 0x1234;  // the kernel image's entry is not the window's
    fill_huge(pdpt, max_size);
    for (word i = 0; i < 510; i++) {
        ASSERT_EQ(pdpt[i], (i * gib) | pte_present | pte_write | pte_huge) << i;
        ASSERT_EQ(pdpt[i] & pte_user, 0u);
    }
    EXPECT_EQ(pdpt[510], 0x1234u);
    EXPECT_EQ(pdpt[511], 0u);
}

TEST(KernelWindow, LargePagesFillOneGiBPerDirectory) {
    static u64 directory[512];
    fill_large(directory, 5 * gib);
    for (word i = 0; i < 512; i++) {
        ASSERT_EQ(directory[i], (5 * gib + (i << 21)) | pte_present | pte_write | pte_huge) << i;
    }
    EXPECT_EQ(directory_entry(0x7000), 0x7000u | pte_present | pte_write);
}
