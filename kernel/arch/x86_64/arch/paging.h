// x86_64 4-level paging entries, as every walk of the kernel (and of the simulated machine)
// reads and writes them.
#pragma once
#include "lib/types.h"

namespace arch::paging {

constexpr word pte_present = bit(0), pte_write = bit(1), pte_user = bit(2), pte_huge = bit(7);
constexpr word pte_address_mask = 0x000ffffffffff000;
constexpr unsigned levels = 4;  // 0 = PML4 ... 3 = page table

// The bits of a virtual address below an entry of `level`: what one entry there covers.
constexpr unsigned span(unsigned level) { return 39 - 9 * level; }
constexpr unsigned index_at(word vaddr, unsigned level) { return (vaddr >> span(level)) & 511; }

// What a present entry at `level` maps: a page (4 KiB at level 3, a large or huge page above,
// where bit 7 says so) or a table, and its physical address (a large page keeps its PAT bit in
// bit 12, inside the address field).
struct EntryTarget {
    bool page;
    word paddr;
};
constexpr EntryTarget entry_target(u64 e, unsigned level) {
    bool page = level == levels - 1 || (level > 0 && (e & pte_huge));
    return {page, e & pte_address_mask & (page ? ~mask(span(level)) : ~word{0})};
}

}  // namespace arch::paging
