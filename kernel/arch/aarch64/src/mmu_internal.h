// What the aarch64 address-space code (mmu.cc, caps.cc, mmu_check.cc, vspace.cc) shares: the TLB
// and cache maintenance seL4 16.0.0 does on one core (include/arch/arm/arch/64/mode/machine.h,
// src/arch/arm/machine/cache.c), and the entry format and policy for the shared walks and
// invocations of arch/paging_common.h and arch/paging_invocations.h.
#pragma once
#include "arch/cache.h"
#include "arch/paging.h"
#include "arch/paging_common.h"
#include "arch/sysreg.h"
#include "generated/invocations.h"
#include "object/cap.h"

namespace arch::mmu {

inline void dsb() { sysreg::dsb(); }
inline void isb() { sysreg::isb(); }

// seL4's cleanByVA_PoU of a table entry just written: the walker reads it from the point of
// unification.
inline void clean_entry(const u64* pte) { sysreg::on_line(sysreg::LineOp::CleanPoU, reinterpret_cast<word>(pte)); }

// cleanCacheRange_PoU of [p, p + bytes), line by line.
inline void clean_to_pou(const void* p, word bytes) {
    word start = reinterpret_cast<word>(p);
    for (word line = line_start(start); line < start + bytes; line += cache_line_size) {
        sysreg::on_line(sysreg::LineOp::CleanPoU, line);
    }
}

// seL4's invalidateTranslationASID and invalidateTranslationSingle (one core: the local TLB).
inline void flush_tlb_asid(word asid) {
    dsb();
    sysreg::tlbi_asid(asid);
    dsb();
    isb();
}
inline void flush_tlb_page(word asid, word vaddr) {
    dsb();
    sysreg::tlbi_page(asid, vaddr);
    dsb();
    isb();
}

// seL4's setCurrentUserVSpaceRoot: TTBR0_EL1 names the root at physical `root`, tagged `asid`.
inline void write_ttbr0(word root, word asid) {
    dsb();
    sysreg::write_ttbr0(root | asid << 48);
}
inline word read_ttbr0() { return sysreg::read(sysreg::Reg::Ttbr0); }

// seL4's AArch64 entries (arch/paging.h) and what each change of one needs. The VSpace root is a
// cap type of its own; nothing is copied into a new address space (the kernel's are TTBR1's).
struct Vmsa {
    static constexpr unsigned levels = vmsa::levels;
    static constexpr unsigned level_bits(unsigned level) { return vmsa::level_bits(level); }
    static constexpr unsigned index(word vaddr, unsigned level) { return vmsa::index(vaddr, level); }
    static constexpr bool is_table_pte(u64 pte) { return vmsa::is_table_pte(pte); }
    static constexpr bool is_page_pte(u64 pte) { return vmsa::is_page_pte(pte); }
    static constexpr bool is_valid_pte(u64 pte) { return vmsa::is_valid_pte(pte); }
    static constexpr word pte_paddr(u64 pte) { return vmsa::pte_paddr(pte); }
    static constexpr u64 table_pte(word paddr) { return vmsa::table_pte(paddr); }

    static constexpr core::CapType root_type = core::CapType::VSpace;
    static constexpr char prefix[] = "ARM";
    static constexpr auto make_pool_label = core::InvocationLabel::ARMASIDControlMakePool;
    static constexpr auto assign_label = core::InvocationLabel::ARMASIDPoolAssign;
    // performPageInvocationMap and performPageTableInvocationMap: the entry cleaned to the PoU, and
    // the address's old translation gone when the entry was valid before.
    static void entry_written(u64* pte, word asid, word vaddr, bool was_valid) {
        clean_entry(pte);
        if (was_valid) flush_tlb_page(asid, vaddr);
    }
    static void page_entry_cleared(u64* pte, word asid, word vaddr) {
        clean_entry(pte);
        flush_tlb_page(asid, vaddr);
    }
    static void table_entry_cleared(u64* pte, word asid) {
        clean_entry(pte);
        flush_tlb_asid(asid);
    }
    static void init_root(void*) {}
};

// seL4's armKSGlobalUserVSpace: the empty root a thread without a valid VSpace runs on (ASID 0).
word global_user_vspace();

}  // namespace arch::mmu
