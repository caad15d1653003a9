// AArch64 stage 1 translation with a 4 KiB granule and 48-bit addresses: four levels of 512
// entries, level 0 the root (Arm ARM D8.3, the VMSAv8-64 descriptor formats).
#pragma once
#include "lib/types.h"

namespace arch::vmsa {

constexpr unsigned levels = 4;
constexpr unsigned entries = 512;

// The address bits below one entry of `level` (39, 30, 21, 12).
constexpr unsigned level_bits(unsigned level) { return 39 - 9 * level; }
constexpr unsigned index(word vaddr, unsigned level) { return (vaddr >> level_bits(level)) & (entries - 1); }

// Descriptor bits: valid, table (levels 0..2) or page (level 3) versus block, the memory type's
// MAIR_EL1 index, shareability, access permissions, access flag, not-global, execute-never.
constexpr u64 desc_valid = bit(0), desc_table = bit(1), desc_page = bit(1);
constexpr u64 attr_normal = u64{4} << 2;  // seL4's MAIR index of normal write-back memory
constexpr u64 sh_inner = u64{3} << 8;
constexpr u64 ap_user_rw = u64{1} << 6;   // AP[2:1] = 01: EL1 and EL0 read-write
constexpr u64 access_flag = bit(10), not_global = bit(11), pxn = bit(53), uxn = bit(54);
constexpr u64 address_mask = mask(48) & ~mask(12);

constexpr u64 desc_paddr(u64 desc) { return desc & address_mask; }
constexpr bool is_table(u64 desc, unsigned level) {
    return level + 1 < levels && (desc & (desc_valid | desc_table)) == (desc_valid | desc_table);
}
constexpr u64 table_desc(word paddr) { return paddr | desc_table | desc_valid; }

}  // namespace arch::vmsa
