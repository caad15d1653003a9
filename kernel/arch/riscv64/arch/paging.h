// Sv39 page-table entries and walks (RISC-V privileged specification, 4.3-4.4).
#pragma once
#include "lib/types.h"

namespace arch::sv39 {

constexpr word pte_v = bit(0), pte_r = bit(1), pte_w = bit(2), pte_x = bit(3), pte_u = bit(4), pte_g = bit(5),
               pte_a = bit(6), pte_d = bit(7);
constexpr unsigned pte_ppn_shift = 10;
constexpr unsigned levels = 3;         // level 0 is the root
constexpr unsigned entries = 512;
constexpr unsigned kernel_first_entry = 256;  // the root's upper half: the kernel window and image
constexpr word satp_mode_sv39 = word{8} << 60;

// The address bits below one entry of `level` (30, 21, 12).
constexpr unsigned level_bits(unsigned level) { return 30 - 9 * level; }
constexpr unsigned index(word vaddr, unsigned level) { return (vaddr >> level_bits(level)) & (entries - 1); }

constexpr bool is_leaf(word pte) { return (pte & (pte_r | pte_w | pte_x)) != 0; }
constexpr word pte_paddr(word pte) { return (pte >> pte_ppn_shift) << 12; }
constexpr word table_pte(word paddr) { return ((paddr >> 12) << pte_ppn_shift) | pte_v; }
constexpr word leaf_pte(word paddr, word rights) { return ((paddr >> 12) << pte_ppn_shift) | pte_v | pte_a | pte_d | rights; }

}  // namespace arch::sv39
