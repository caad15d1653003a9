// Checked builds: the riscv64 (Sv39) user mappings and ASIDs agree with the caps, and the address space
// loaded is one an ASID names (arch/mmu.h).
#include "arch/caps.h"
#include "arch/csr.h"
#include "arch/mmu.h"
#include "cspace/invariants.h"
#include "kernel/console.h"
#include "mmu_internal.h"

namespace arch {
namespace {

using core::Cap;
using core::CapType;
using namespace mmu;
using namespace sv39;

// A present user entry: the cap that must record it (its type, the level of the entry it sits in,
// the address space, virtual and physical address).
struct EntryRecord {
    CapType type;
    unsigned level;
    word asid, vaddr, paddr;
};

// The level whose leaves map a frame of size `s`: 2 for 4 KiB, 1 for 2 MiB, 0 for 1 GiB.
unsigned frame_level(core::FrameSize s) { return levels - 1 - static_cast<unsigned>(s); }

bool records(const Cap& c, const void* context) {
    const auto& e = *static_cast<const EntryRecord*>(context);
    if (c.type() != e.type || ptr_to_phys(c.ptr()) != e.paddr) return false;
    bool frame = c.type() == CapType::Frame;
    if (frame && frame_level(c.frame_size()) != e.level) return false;
    bool mapped = frame ? c.mapped_asid() != 0 : c.is_mapped();
    return mapped && c.mapped_asid() == e.asid && c.mapped_address() == e.vaddr;
}

// Every valid entry of the user half of `root` (ASID `asid`) is recorded by a cap reachable from
// `slots`: a frame cap mapped there for a leaf, a page-table cap mapped there for a table (depth
// first, without recursion). A table entry in a last-level table would be one too many levels.
const char* check_entries(const core::Slot* slots, word count, word asid, void* root) {
    u64* table[levels] = {static_cast<u64*>(root)};
    unsigned index[levels] = {};
    word base[levels] = {};  // the virtual address each level's table starts at
    unsigned level = 0;
    for (;;) {
        if (index[level] == (level == 0 ? kernel_first_entry : entries)) {
            if (level-- == 0) return nullptr;
            index[level]++;
            continue;
        }
        u64 e = table[level][index[level]];
        word vaddr = base[level] + (word{index[level]} << level_bits(level));
        if (!(e & pte_v)) {
            index[level]++;
            continue;
        }
        bool leaf = is_leaf(e);
        if (!leaf && level + 1 == levels) return "a last-level page-table entry points to a table";
        EntryRecord r{leaf ? CapType::Frame : CapType::PageTable, level, asid, vaddr, pte_paddr(e)};
        if (!core::find_reachable_cap(slots, count, records, &r)) {
            core::kprintf("  ASID %lu, level %u entry for %p: %lx\n", asid, level, reinterpret_cast<void*>(vaddr), e);
            return "a present user entry has no cap recording it";
        }
        if (leaf) {
            index[level]++;
            continue;
        }
        table[level + 1] = table_of(e);
        index[level + 1] = 0;
        base[level + 1] = vaddr;
        level++;
    }
}

// An ASID pool in the table, or a root in a pool: the cap that must name it.
struct AsidRecord {
    CapType type;
    const void* object;
    word asid;  // the pool's base, or the root's ASID
};

bool names(const Cap& c, const void* context) {
    const auto& r = *static_cast<const AsidRecord*>(context);
    if (c.type() != r.type || c.ptr() != r.object) return false;
    if (r.type == CapType::AsidPool) return c.asid_base() == r.asid;
    return c.is_mapped() && c.mapped_asid() == r.asid;
}

bool is_named_root(word root) {
    for (AsidPool* pool : asid_table) {
        if (!pool) continue;
        for (void* v : pool->vspace) {
            if (v && ptr_to_phys(v) == root) return true;
        }
    }
    return false;
}

}  // namespace

// A thread runs on the root its VTable cap's ASID names at the time it is switched to
// (thread_vspace_root, as seL4's setVMRoot), so what can go stale is the root left loaded in
// satp while the kernel runs: it must be the kernel's or one an ASID still names (deleteASID and
// deleteASIDPool leave a root that loses its ASID), else the kernel would run, and a thread
// resume, on mappings that may be cleared or freed.
// The root a thread keeps in its context (src/switch.cc) is used while its VTable cap word and
// the ASID generation are the ones it was found under: then the lookup must still give it.
const char* check_thread_vspaces() {
    word loaded = (csr::read_satp() & mask(44)) << 12;
    if (loaded != kernel_vspace_root() && !is_named_root(loaded)) {
        return "the loaded address space is one no ASID names";
    }
    for (core::Tcb* t = core::debug_first_tcb(); t; t = t->debug_next) {
        const Context& c = t->context;
        bool in_use = t->slot(core::TcbSlot::VTable).cap.raw0() == c.vspace_cap_word &&
                      c.vspace_generation == asid_generation;
        if (in_use && t->vspace_root() != c.vspace_root) return "a thread would run on a root its ASID no longer names";
    }
    return nullptr;
}

const char* check_vspace_coherence(const core::Slot* slots, word count) {
    for (word high = 0; high < asid_pools; high++) {
        if (!asid_table[high]) continue;
        AsidRecord pool{CapType::AsidPool, asid_table[high], high << asid_low_bits};
        if (!core::find_reachable_cap(slots, count, names, &pool)) return "an ASID pool in use has no cap";
        for (word low = 0; low < bit(asid_low_bits); low++) {
            void* root = asid_table[high]->vspace[low];
            if (!root) continue;
            AsidRecord named{CapType::PageTable, root, (high << asid_low_bits) | low};
            if (!core::find_reachable_cap(slots, count, names, &named)) return "an ASID names a root no cap has";
            if (const char* why = check_entries(slots, count, (high << asid_low_bits) | low, root)) return why;
        }
    }
    return check_thread_vspaces();
}

}  // namespace arch
