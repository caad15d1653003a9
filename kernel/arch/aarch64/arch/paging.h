// AArch64 stage 1 translation with a 4 KiB granule and 48-bit addresses: four levels of 512
// entries, level 0 the root (Arm ARM D8.3, the VMSAv8-64 descriptor formats), and the entries seL4
// 16.0.0 writes (structures.bf's pte_table, pte_page and pte_4k_page; vspace.c's makeUserPagePTE).
#pragma once
#include "lib/types.h"
#include "object/cap.h"

namespace arch::vmsa {

constexpr unsigned levels = 4;
constexpr unsigned entries = 512;

// The address bits below one entry of `level` (39, 30, 21, 12).
constexpr unsigned level_bits(unsigned level) { return 39 - 9 * level; }
constexpr unsigned index(word vaddr, unsigned level) { return (vaddr >> level_bits(level)) & (entries - 1); }

// Descriptor bits. The hardware type (bits 0-1): 3 a table at levels 0-2 or a page at level 3, 1 a
// block; seL4 tells a 4 KiB page from a table by a software bit (58) in the 4 KiB page's entry.
constexpr u64 hw_type_mask = 3, hw_table = 3, hw_block = 1, hw_4k_page = 3;
constexpr u64 desc_valid = bit(0), sw_4k_page = bit(58);
constexpr unsigned attr_index_shift = 2, sh_shift = 8, ap_shift = 6;
constexpr u64 access_flag = bit(10), not_global = bit(11), pxn = bit(53), uxn = bit(54);
constexpr u64 address_mask = mask(48) & ~mask(12);

// MAIR_EL1's memory types, in seL4's order (src/boot.S programs them).
constexpr unsigned mair_device_ngnrne = 0, mair_normal = 4;
// AP[2:1] as seL4's APFromVMRights gives them without hypervisor support: kernel-only 0 (EL1
// read-write, EL0 none), read-write 1 (both), read-only 3 (both read-only).
constexpr unsigned ap_kernel_only = 0, ap_read_write = 1, ap_read_only = 3;

// seL4's APFromVMRights and vmRightsFromPTE (AP 2, EL1 read-only, counts as kernel-only).
constexpr unsigned ap_from_rights(core::VmRights r) {
    return r == core::VmRights::ReadWrite ? ap_read_write : r == core::VmRights::ReadOnly ? ap_read_only : ap_kernel_only;
}
constexpr core::VmRights rights_from_ap(unsigned ap) {
    return ap == ap_read_write ? core::VmRights::ReadWrite : ap == ap_read_only ? core::VmRights::ReadOnly : core::VmRights::KernelOnly;
}

constexpr u64 hw_type(u64 pte) { return pte & hw_type_mask; }
constexpr u64 pte_paddr(u64 pte) { return pte & address_mask; }
constexpr unsigned pte_ap(u64 pte) { return (pte >> ap_shift) & 3; }
// seL4's pte_table, pte_4k_page and pte_page (a block) tags.
constexpr bool is_table_pte(u64 pte) { return hw_type(pte) == hw_table && !(pte & sw_4k_page); }
constexpr bool is_4k_page_pte(u64 pte) { return hw_type(pte) == hw_4k_page && (pte & sw_4k_page); }
constexpr bool is_page_pte(u64 pte) { return is_4k_page_pte(pte) || (hw_type(pte) == hw_block && !(pte & sw_4k_page)); }
constexpr bool is_valid_pte(u64 pte) { return (pte & desc_valid) != 0; }

constexpr u64 table_pte(word paddr) { return (paddr & address_mask) | hw_table; }

// seL4's makeUserPagePTE (pte_4k_page_new or pte_page_new): not global, accessed, unshared (one
// core; devices ignore it), the rights' AP bits, normal write-back memory when cacheable and
// Device-nGnRnE otherwise, UXN when not executable; PXN clear. A 4 KiB page is the last level's.
struct UserPage {
    word paddr;
    unsigned ap;
    bool execute_never, cacheable, small;
};
constexpr u64 user_page_pte(const UserPage& p) {
    u64 attr = u64{p.cacheable ? mair_normal : mair_device_ngnrne} << attr_index_shift;
    u64 type = p.small ? (hw_4k_page | sw_4k_page) : hw_block;
    return (p.paddr & address_mask) | (p.execute_never ? uxn : 0) | not_global | access_flag |
           (u64{p.ap} << ap_shift) | attr | type;
}

}  // namespace arch::vmsa
