// What the riscv64 paging invocations (mmu.cc) share with their checks (mmu_check.cc): the ASID
// table and seL4's walk of an Sv39 address space.
#pragma once
#include "arch/paging.h"
#include "arch/vspace.h"

namespace arch::mmu {

constexpr unsigned asid_low_bits = 9;     // seL4_ASIDPoolIndexBits
constexpr unsigned asid_pools = 1 << 7;  // 2^seL4_NumASIDPoolsBits

struct AsidPool {
    void* vspace[1 << asid_low_bits];
};
static_assert(sizeof(AsidPool) == 4096, "seL4_ASIDPoolBits");

// seL4's riscvKSASIDTable.
extern AsidPool* asid_table[asid_pools];

// Counts the times an ASID lost its root (deleteASID, deleteASIDPool), from 1: a root found for a
// thread under an older generation may be gone; under the current one it still holds, since
// nothing else changes which root an ASID names.
extern u64 asid_generation;

// The VSpace root the ASID names, or nullptr (seL4's findVSpaceForASID).
inline void* find_vspace(word asid) {
    AsidPool* pool = asid_table[(asid >> asid_low_bits) & (asid_pools - 1)];
    return pool ? pool->vspace[asid & mask(asid_low_bits)] : nullptr;
}

// A valid entry that points to a next-level table (seL4's isPTEPageTable).
constexpr bool is_table_pte(u64 pte) { return (pte & sv39::pte_v) && !sv39::is_leaf(pte); }
inline u64* table_of(u64 pte) { return static_cast<u64*>(phys_to_ptr(sv39::pte_paddr(pte))); }

// seL4's lookupPTSlot: the entry for `vaddr` in the deepest table the walk from `root` reaches
// (it goes down while entries point to tables), and the address bits one entry there spans.
struct PtSlot {
    u64* pte;
    unsigned bits_left;
};
inline PtSlot lookup_pt_slot(void* root, word vaddr) {
    u64* table = static_cast<u64*>(root);
    unsigned level = 0;
    while (is_table_pte(table[sv39::index(vaddr, level)]) && level + 1 < sv39::levels) {
        table = table_of(table[sv39::index(vaddr, level)]);
        level++;
    }
    return {&table[sv39::index(vaddr, level)], sv39::level_bits(level)};
}

}  // namespace arch::mmu
