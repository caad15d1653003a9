// aarch64's page-table entries and cache-line arithmetic on the host (host.aarch64.*): the bits
// seL4 16.0.0's structures.bf gives pte_table, pte_4k_page and pte_page, AP from the VM rights
// and back, and the lines the cache operations visit. The invocations themselves run in QEMU.
#include <gtest/gtest.h>
#include "arch/cache.h"
#include "arch/paging.h"

namespace {

using namespace arch::vmsa;
using core::VmRights;

TEST(Pte, A4KiBUserPageHasSeL4sBits) {
    // page base 0x40001000, sw_type (58), nG (11), AF (10), SH 0, AP 01 (7:6), AttrIndx 4 (4:2), hw 3.
    u64 pte = user_page_pte({.paddr = 0x40001000, .ap = ap_read_write, .execute_never = false, .cacheable = true, .small = true});
    EXPECT_EQ(pte, 0x0400000040001c53u);
    EXPECT_TRUE(is_4k_page_pte(pte));
    EXPECT_TRUE(is_page_pte(pte));
    EXPECT_FALSE(is_table_pte(pte));
    EXPECT_EQ(pte_paddr(pte), 0x40001000u);
}

TEST(Pte, AnUncachedReadOnlyBlockIsDeviceExecuteNever) {
    // UXN (54), nG, AF, AP 11, AttrIndx 0 (Device-nGnRnE), hw 1 (block); no software bit.
    u64 pte = user_page_pte({.paddr = 0x9000000, .ap = ap_read_only, .execute_never = true, .cacheable = false, .small = false});
    EXPECT_EQ(pte, 0x0040000009000cc1u);
    EXPECT_TRUE(is_page_pte(pte));
    EXPECT_FALSE(is_4k_page_pte(pte));
    EXPECT_FALSE(is_table_pte(pte));
}

TEST(Pte, KernelOnlyRightsStillMapWithApZero) {
    // seL4's makeUserPagePTE writes a valid entry with AP 00 (EL1 only), never no entry.
    u64 pte = user_page_pte({.paddr = 0x1000, .ap = ap_from_rights(VmRights::KernelOnly), .execute_never = false, .cacheable = true, .small = true});
    EXPECT_TRUE(is_valid_pte(pte));
    EXPECT_EQ(pte_ap(pte), 0u);
}

TEST(Pte, TablesAndInvalidEntriesAreTellApart) {
    u64 table = table_pte(0x40003000);
    EXPECT_EQ(table, 0x40003003u);
    EXPECT_TRUE(is_table_pte(table));
    EXPECT_FALSE(is_page_pte(table));
    EXPECT_FALSE(is_valid_pte(0));
    EXPECT_FALSE(is_page_pte(0));
    EXPECT_FALSE(is_table_pte(0));
    // Bits outside the 48-bit output address never reach the physical address.
    EXPECT_EQ(pte_paddr(table_pte(0xffff000040003fffu)), 0x40003000u);
}

TEST(Pte, RightsAndAccessPermissionsRoundTrip) {
    EXPECT_EQ(ap_from_rights(VmRights::ReadWrite), 1u);
    EXPECT_EQ(ap_from_rights(VmRights::ReadOnly), 3u);
    EXPECT_EQ(ap_from_rights(VmRights::KernelOnly), 0u);
    for (VmRights r : {VmRights::KernelOnly, VmRights::ReadOnly, VmRights::ReadWrite}) {
        EXPECT_EQ(rights_from_ap(ap_from_rights(r)), r);
    }
    EXPECT_EQ(rights_from_ap(2), VmRights::KernelOnly);  // EL1 read-only: vmRightsFromPTE's kernel-only
}

TEST(Pte, FourLevelsOf512Entries) {
    EXPECT_EQ(level_bits(0), 39u);
    EXPECT_EQ(level_bits(3), 12u);
    word v = (word{5} << 39) | (word{6} << 30) | (word{7} << 21) | (word{8} << 12) | 0xabc;
    EXPECT_EQ(index(v, 0), 5u);
    EXPECT_EQ(index(v, 1), 6u);
    EXPECT_EQ(index(v, 2), 7u);
    EXPECT_EQ(index(v, 3), 8u);
}

TEST(Cache, LinesFromStartsLineToEndsLine) {
    arch::LineRange r = arch::lines_of(0x1010, 0x10ff);
    EXPECT_EQ(r.first, 0x1000u);
    EXPECT_EQ(r.last, 0x10c0u);
    r = arch::lines_of(0x2000, 0x2000);
    EXPECT_EQ(r.first, r.last);
}

TEST(Cache, InvalidationCleansOnlyPartialEndLines) {
    EXPECT_FALSE(arch::cleans_first_line(0x1000));
    EXPECT_TRUE(arch::cleans_first_line(0x1001));
    EXPECT_FALSE(arch::cleans_last_line(0x103f));  // ends on a line's last byte
    EXPECT_TRUE(arch::cleans_last_line(0x1040));
}

}  // namespace
