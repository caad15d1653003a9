// What the riscv64 paging invocations (mmu.cc) share with their checks (mmu_check.cc): the Sv39
// entry format and policy for the shared walks and invocations of arch/paging_common.h and
// arch/paging_invocations.h, over the ASID table there.
#pragma once
#include "arch/csr.h"
#include "arch/paging.h"
#include "arch/paging_common.h"
#include "arch/vspace.h"
#include "generated/invocations.h"
#include "object/cap.h"

namespace arch::mmu {

// Sv39 entries (arch/paging.h): a valid entry without R, W or X points to a next-level table
// (seL4's isPTEPageTable), one with any of them maps a frame. The VSpace root is a PageTable.
struct Sv39 {
    static constexpr unsigned levels = sv39::levels;
    static constexpr unsigned level_bits(unsigned level) { return sv39::level_bits(level); }
    static constexpr unsigned index(word vaddr, unsigned level) { return sv39::index(vaddr, level); }
    static constexpr bool is_valid_pte(u64 pte) { return (pte & sv39::pte_v) != 0; }
    static constexpr bool is_table_pte(u64 pte) { return is_valid_pte(pte) && !sv39::is_leaf(pte); }
    static constexpr bool is_page_pte(u64 pte) { return is_valid_pte(pte) && sv39::is_leaf(pte); }
    static constexpr word pte_paddr(u64 pte) { return sv39::pte_paddr(pte); }
    static constexpr u64 table_pte(word paddr) { return sv39::table_pte(paddr); }

    static constexpr core::CapType root_type = core::CapType::PageTable;
    static constexpr char prefix[] = "RISCV";
    static constexpr auto make_pool_label = core::InvocationLabel::RISCVASIDControlMakePool;
    static constexpr auto assign_label = core::InvocationLabel::RISCVASIDPoolAssign;
    // seL4's sfence() after every change: every cached translation goes (Keel runs every address
    // space on ASID 0).
    static void entry_written(u64*, word, word, bool) { csr::sfence_vma(); }
    static void page_entry_cleared(u64*, word, word) { csr::sfence_vma(); }
    static void table_entry_cleared(u64*, word) { csr::sfence_vma(); }
    // A page table that becomes an address space gets the kernel's mappings (copyGlobalMappings).
    static void init_root(void* root) { init_vspace_object(root); }
};

}  // namespace arch::mmu
