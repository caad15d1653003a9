// Checked builds, riscv64 and aarch64: every ASID pool and every address space an ASID names has a
// cap that names it, and every valid user entry of those address spaces is recorded by a cap
// (arch/mmu.h's check_vspace_coherence), over the shared walks of arch/paging_common.h. A format F
// gives, besides what the walks need, `is_valid_pte(pte)`.
#pragma once
#include "arch/paging_common.h"
#include "cspace/invariants.h"
#include "kernel/console.h"

namespace arch::mmu {

// A present user entry: the cap that must record it (its type, the level of the entry it sits in,
// the address space, virtual and physical address).
struct EntryRecord {
    core::CapType type;
    unsigned level, levels;
    word asid, vaddr, paddr;
};

// The level whose leaves map a frame of size `s`: the last for the smallest, one up per size.
inline unsigned frame_level(core::FrameSize s, unsigned levels) { return levels - 1 - static_cast<unsigned>(s); }

inline bool records(const core::Cap& c, const void* context) {
    const auto& e = *static_cast<const EntryRecord*>(context);
    if (c.type() != e.type || ptr_to_phys(c.ptr()) != e.paddr) return false;
    bool frame = c.type() == core::CapType::Frame;
    if (frame && frame_level(c.frame_size(), e.levels) != e.level) return false;
    bool mapped = frame ? c.mapped_asid() != 0 : c.is_mapped();
    return mapped && c.mapped_asid() == e.asid && c.mapped_address() == e.vaddr;
}

// Every valid entry of the first `root_entries` of `root` (ASID `asid`) and of the tables below is
// recorded by a cap the index holds: a frame cap mapped there for a page, a page-table cap mapped
// there for a table (depth first, without recursion). A table entry in a last-level table would
// be one too many levels.
template <typename F>
const char* check_entries(word asid, void* root, unsigned root_entries) {
    constexpr unsigned entries = 512;
    u64* table[F::levels] = {static_cast<u64*>(root)};
    unsigned index[F::levels] = {};
    word base[F::levels] = {};  // the virtual address each level's table starts at
    unsigned level = 0;
    for (;;) {
        if (index[level] == (level == 0 ? root_entries : entries)) {
            if (level-- == 0) return nullptr;
            index[level]++;
            continue;
        }
        u64 e = table[level][index[level]];
        word vaddr = base[level] + (word{index[level]} << F::level_bits(level));
        if (!F::is_valid_pte(e)) {
            index[level]++;
            continue;
        }
        bool leaf = F::is_page_pte(e);
        if (!leaf && !F::is_table_pte(e)) return "a valid user entry is neither a page nor a table";
        if (!leaf && level + 1 == F::levels) return "a last-level page-table entry points to a table";
        EntryRecord r{leaf ? core::CapType::Frame : core::CapType::PageTable, level, F::levels, asid, vaddr, F::pte_paddr(e)};
        // A cap names its object by the kernel window's pointer, device memory included.
        if (!core::find_indexed_cap(device_pptr(r.paddr), records, &r)) {
            core::kprintf("  ASID %lu, level %u entry for %p: %lx\n", asid, level, reinterpret_cast<void*>(vaddr), e);
            return "a present user entry has no cap recording it";
        }
        if (leaf) {
            index[level]++;
            continue;
        }
        table[level + 1] = table_of<F>(e);
        index[level + 1] = 0;
        base[level + 1] = vaddr;
        level++;
    }
}

// An ASID pool in the table, or a root in a pool: the cap that must name it.
struct AsidRecord {
    core::CapType type;
    const void* object;
    word asid;  // the pool's base, or the root's ASID
};

inline bool names(const core::Cap& c, const void* context) {
    const auto& r = *static_cast<const AsidRecord*>(context);
    if (c.type() != r.type || c.ptr() != r.object) return false;
    if (r.type == core::CapType::AsidPool) return c.asid_base() == r.asid;
    return c.is_mapped() && c.mapped_asid() == r.asid;
}

// The caps check_asid_table looks up: ASID pools, and frames and paging structures (roots
// included) that say they are mapped.
inline bool may_record(const core::Cap& c) {
    switch (c.type()) {
    case core::CapType::AsidPool: return true;
    case core::CapType::AsidControl: return false;
    case core::CapType::Frame: return c.mapped_asid() != 0;
    default: return core::is_arch_cap(c.type()) && c.is_mapped();
    }
}

// The ASID table's pools and roots against the caps reachable from `slots[0, count)` (roots are
// caps of `root_type`), and each root's entries (the first `root_entries` of the root: the user
// part).
template <typename F>
const char* check_asid_table(const core::Slot* slots, word count, core::CapType root_type, unsigned root_entries) {
    core::index_reachable_caps(slots, count, may_record);
    for (word high = 0; high < asid_pools; high++) {
        if (!asid_table[high]) continue;
        AsidRecord pool{core::CapType::AsidPool, asid_table[high], high << asid_low_bits};
        if (!core::find_indexed_cap(pool.object, names, &pool)) return "an ASID pool in use has no cap";
        for (word low = 0; low < bit(asid_low_bits); low++) {
            void* root = asid_table[high]->vspace[low];
            if (!root) continue;
            word asid = (high << asid_low_bits) | low;
            AsidRecord named{root_type, root, asid};
            if (!core::find_indexed_cap(root, names, &named)) return "an ASID names a root no cap has";
            if (const char* why = check_entries<F>(asid, root, root_entries)) return why;
        }
    }
    return nullptr;
}

}  // namespace arch::mmu
