// What riscv64 and aarch64 share of seL4's address spaces (seL4 16.0.0's vspace.c of each): the
// ASID table and its pools, and the walks of a multi-level page table, parametrised by the
// architecture's entry format. On both architectures' include paths.
//
// A format F gives: `levels` (level 0 the root), `level_bits(level)` and `index(vaddr, level)`,
// `is_table_pte(pte)` (a valid entry naming a next-level table), `is_page_pte(pte)` (a valid
// entry mapping a frame), `pte_paddr(pte)`.
#pragma once
#include "arch/kernel_window.h"
#include "lib/types.h"

namespace arch::mmu {

// seL4_ASIDPoolIndexBits and seL4_NumASIDPoolsBits, the same on both.
constexpr unsigned asid_low_bits = 9;
constexpr unsigned asid_pools = 1 << 7;

struct AsidPool {
    void* vspace[1 << asid_low_bits];
};
static_assert(sizeof(AsidPool) == 4096, "seL4_ASIDPoolBits");

// seL4's riscvKSASIDTable / armKSASIDTable.
inline AsidPool* asid_table[asid_pools];

// Counts the times an ASID lost its root (deleteASID, deleteASIDPool), from 1: a root found for a
// thread under an older generation may be gone; under the current one it still holds, since
// nothing else changes which root an ASID names.
inline u64 asid_generation = 1;

// The table entry of the pool holding `asid`.
inline AsidPool*& pool_of(word asid) { return asid_table[(asid >> asid_low_bits) & (asid_pools - 1)]; }
inline void*& asid_entry(AsidPool& pool, word asid) { return pool.vspace[asid & mask(asid_low_bits)]; }

// The VSpace root the ASID names, or nullptr (seL4's findVSpaceForASID).
inline void* find_vspace(word asid) {
    AsidPool* pool = pool_of(asid);
    return pool ? asid_entry(*pool, asid) : nullptr;
}

// deleteASID's bookkeeping: `root` loses `asid` if the ASID names it (true then).
inline bool forget_asid(word asid, const void* root) {
    AsidPool* pool = pool_of(asid);
    if (!pool || asid_entry(*pool, asid) != root) return false;
    asid_entry(*pool, asid) = nullptr;
    asid_generation++;
    return true;
}

// deleteASIDPool's: the table forgets `pool` if it holds it at `asid_base` (the pool then).
inline AsidPool* forget_asid_pool(word asid_base, const void* pool) {
    AsidPool*& entry = pool_of(asid_base);
    if (entry != pool) return nullptr;
    AsidPool* gone = entry;
    entry = nullptr;
    asid_generation++;
    return gone;
}

// The table a valid table entry names.
template <typename F>
inline u64* table_of(u64 pte) {
    return static_cast<u64*>(phys_to_ptr(F::pte_paddr(pte)));
}

// seL4's lookupPTSlot: the entry for `vaddr` in the deepest table the walk from `root` reaches
// (it goes down while entries point to tables), and the address bits one entry there spans.
struct PtSlot {
    u64* pte;
    unsigned bits_left;
};
template <typename F>
[[gnu::always_inline]] inline PtSlot lookup_pt_slot(void* root, word vaddr) {
    u64* table = static_cast<u64*>(root);
    unsigned level = 0;
    while (F::is_table_pte(table[F::index(vaddr, level)]) && level + 1 < F::levels) {
        table = table_of<F>(table[F::index(vaddr, level)]);
        level++;
    }
    return {&table[F::index(vaddr, level)], F::level_bits(level)};
}

// unmapPage's search: the entry of the address space `root` that maps the frame at physical
// `paddr`, of 2^bits bytes, at `vaddr`; nullptr when none does.
template <typename F>
inline u64* page_slot(void* root, word vaddr, unsigned bits, word paddr) {
    PtSlot s = lookup_pt_slot<F>(root, vaddr);
    if (s.bits_left != bits || !F::is_page_pte(*s.pte) || F::pte_paddr(*s.pte) != paddr) return nullptr;
    return s.pte;
}

// unmapPageTable's search: the entry pointing to `table` on the way to `vaddr` from `root`, or
// nullptr when there is none.
template <typename F>
inline u64* table_slot(void* root, word vaddr, const void* table) {
    u64* pt = static_cast<u64*>(root);
    u64* entry = nullptr;
    for (unsigned level = 0; level + 1 < F::levels && pt != table; level++) {
        entry = &pt[F::index(vaddr, level)];
        if (!F::is_table_pte(*entry)) return nullptr;
        pt = table_of<F>(*entry);
    }
    return pt == table ? entry : nullptr;
}

}  // namespace arch::mmu
