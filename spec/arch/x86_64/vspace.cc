// x86_64 address spaces (seL4's arch/x86 vspace.c and objecttype.c): frames and paging structures
// with their mapping records, the ASID table and pools, their invocations and finalisation.
#include "arch_ops.h"
#include "generated/invocations.h"
#include "spec.h"

namespace spec {

using Label = core::InvocationLabel;

namespace {

bool is(const Invocation& inv, Label l) { return inv.label == static_cast<word>(l); }

// Levels: 0 is the PML4, 3 a page table. Each entry at `level` covers 2^span(level) bytes.
unsigned span(unsigned level) { return 39 - 9 * level; }
word index_at(word vaddr, unsigned level) { return (vaddr >> span(level)) & 511; }

// The level whose entries map a frame of 2^bits bytes, or hold a table of type `t`.
unsigned frame_level(unsigned bits) { return bits == 12 ? 3 : bits == 21 ? 2 : 1; }
unsigned table_level(CapType t) { return t == CapType::Pdpt ? 0 : t == CapType::PageDirectory ? 1 : 2; }

SyscallError invalid_cap(word n) { return error(Error::InvalidCapability, n); }

SyscallError lookup_failed(word bits_left, LookupKind kind = LookupKind::MissingCapability) {
    SyscallError e = error(Error::FailedLookup, 0);
    e.lookup = {kind, bits_left, 0, 0};
    return e;
}

// seL4's findVSpaceForASID: the PML4 the ASID names, or 0.
word find_vspace(const State& s, word asid) {
    word high = asid >> asid_low_bits;
    if (high >= asid_high_count || !s.asid_table[high]) return 0;
    return s.asid_pools.at(s.asid_table[high])[asid & mask(asid_low_bits)];
}

// The slot of the entry at `level` for `vaddr` under `pml4`, or the bits left untranslated when a
// table above is missing or a page stands in its way (seL4's lookupPTSlot and friends).
struct Walk {
    word table = 0;  // 0: the lookup failed
    word bits_left = 0;
};
Walk walk(const State& s, word pml4, word vaddr, unsigned level) {
    word table = pml4;
    for (unsigned l = 0; l < level; l++) {
        const auto& entries = s.tables.at(table).entries;
        auto e = entries.find(index_at(vaddr, l));
        if (e == entries.end() || e->second.page) return {0, span(l)};
        table = e->second.target;
    }
    return {table, 0};
}

// The root checks every Map makes after its own: the ASID still names this PML4.
SyscallError check_root(const State& s, const Cap& root) {
    word found = find_vspace(s, root.asid);
    if (!found) return lookup_failed(0, LookupKind::InvalidRoot);
    if (found != root.object) return invalid_cap(1);
    return ok();
}

// seL4's unmapPage / unmapPageTable: the entry goes only if it still maps this object.
void unmap(State& s, const Cap& cap, unsigned level) {
    word pml4 = find_vspace(s, cap.asid);
    if (!pml4) return;
    Walk w = walk(s, pml4, cap.vaddr, level);
    if (!w.table) return;
    auto& entries = s.tables.at(w.table).entries;
    auto e = entries.find(index_at(cap.vaddr, level));
    if (e == entries.end()) return;
    if (e->second.page != (cap.type == CapType::Frame) || e->second.target != cap.object) return;
    entries.erase(e);
}

Cap unmapped(Cap c) {
    c.asid = c.vaddr = 0;
    c.mapped = false;
    return c;
}

// X86Page_Map in seL4's order of checks.
SyscallError page_map(State& s, const Invocation& inv, SlotRef slot) {
    if (inv.words.size() < 3 || inv.extra.empty()) return truncated();
    Cap cap = slot_at(s, slot).cap;
    word vaddr = inv.words[0];
    const Cap root = slot_at(s, inv.extra[0]).cap;
    if (!is_valid_vtable_root(root)) return invalid_cap(1);
    if (cap.asid != 0) {
        if (cap.asid != root.asid) return invalid_cap(1);
        if (cap.vaddr != vaddr) return error(Error::InvalidArgument, 0);
    } else if (vaddr > user_top || vaddr + (word{1} << cap.bits) > user_top) {
        return error(Error::InvalidArgument, 0);
    }
    if (SyscallError e = check_root(s, root); failed(e)) return e;
    word rights = mask_cap_rights(inv.words[1], cap).vm_rights;
    if (vaddr & mask(cap.bits)) return error(Error::AlignmentError);
    unsigned level = frame_level(cap.bits);
    Walk w = walk(s, root.object, vaddr, level);
    if (!w.table) return lookup_failed(w.bits_left);
    auto& entries = s.tables.at(w.table).entries;
    auto old = entries.find(index_at(vaddr, level));
    if (level < 3 && old != entries.end() && !old->second.page) return error(Error::DeleteFirst);
    entries[index_at(vaddr, level)] = PagingEntry{true, cap.object, rights};
    cap.asid = root.asid;
    cap.vaddr = vaddr;
    slot_at(s, slot).cap = cap;
    return done(s, inv);
}

SyscallError page_invocation(State& s, const Invocation& inv, SlotRef slot) {
    const Cap cap = slot_at(s, slot).cap;
    if (is(inv, Label::X86PageMap)) return page_map(s, inv, slot);
    if (is(inv, Label::X86PageUnmap)) {
        if (cap.asid) unmap(s, cap, frame_level(cap.bits));
        slot_at(s, slot).cap = unmapped(cap);
        return done(s, inv);
    }
    if (is(inv, Label::X86PageGetAddress)) return done(s, inv, {cap.object});
    return illegal();
}

// PageTable, PageDirectory and PDPT: Map into the level above, or Unmap (which clears it).
SyscallError table_invocation(State& s, const Invocation& inv, SlotRef slot, Label map, Label unmap_label) {
    Cap cap = slot_at(s, slot).cap;
    unsigned level = table_level(cap.type);
    if (is(inv, unmap_label)) {
        if (!is_final_capability(s, slot)) return error(Error::RevokeFirst);
        if (cap.mapped) unmap(s, cap, level);
        s.tables.at(cap.object).entries.clear();
        slot_at(s, slot).cap = unmapped(cap);
        return done(s, inv);
    }
    if (!is(inv, map)) return illegal();
    if (inv.words.size() < 2 || inv.extra.empty()) return truncated();
    if (cap.mapped) return invalid_cap(0);
    word vaddr = inv.words[0] & ~mask(span(level));
    const Cap root = slot_at(s, inv.extra[0]).cap;
    if (!is_valid_vtable_root(root)) return invalid_cap(1);
    if (vaddr > user_top) return error(Error::InvalidArgument, 0);
    if (SyscallError e = check_root(s, root); failed(e)) return e;
    Walk w = walk(s, root.object, vaddr, level);
    if (!w.table) return lookup_failed(w.bits_left);
    auto& entries = s.tables.at(w.table).entries;
    if (entries.count(index_at(vaddr, level))) return error(Error::DeleteFirst);
    entries[index_at(vaddr, level)] = PagingEntry{false, cap.object, 0};
    cap.asid = root.asid;
    cap.vaddr = vaddr;
    cap.mapped = true;
    slot_at(s, slot).cap = cap;
    return done(s, inv);
}

// X86ASIDControl_MakePool: a 4 KiB untyped without children becomes the next free pool.
SyscallError make_pool(State& s, const Invocation& inv) {
    if (!is(inv, Label::X86ASIDControlMakePool)) return illegal();
    if (inv.words.size() < 2 || inv.extra.size() < 2) return truncated();
    word high = 0;
    while (high < asid_high_count && s.asid_table[high]) high++;
    if (high == asid_high_count) return error(Error::DeleteFirst);
    SlotRef parent = inv.extra[0];
    const Cap ut = slot_at(s, parent).cap;
    if (ut.type != CapType::Untyped || ut.bits != page_bits || ut.device) return invalid_cap(1);
    if (has_children(s, parent)) return error(Error::RevokeFirst);
    SlotResult dest = lookup_slot_for_cnode_op(s, false, slot_at(s, inv.extra[1]).cap, inv.words[0], inv.words[1]);
    if (failed(dest.error)) return dest.error;
    if (slot_at(s, dest.slot).cap.type != CapType::Null) return error(Error::DeleteFirst);
    zero(s, ut.object, word{1} << page_bits);
    slot_at(s, parent).cap.free_bytes = word{1} << page_bits;
    cte_insert(s, Cap{.type = CapType::AsidPool, .object = ut.object, .asid = high << asid_low_bits}, parent, dest.slot);
    s.asid_table[high] = ut.object;
    s.asid_pools[ut.object] = {};
    return done(s, inv);
}

// X86ASIDPool_Assign: the first free ASID of the pool (never ASID 0) for an unmapped PML4.
SyscallError assign(State& s, const Invocation& inv, SlotRef slot) {
    if (!is(inv, Label::X86ASIDPoolAssign)) return illegal();
    if (inv.extra.empty()) return truncated();
    Cap vspace = slot_at(s, inv.extra[0]).cap;
    if (vspace.type != CapType::Pml4 || vspace.mapped) return invalid_cap(1);
    const Cap pool_cap = slot_at(s, slot).cap;
    word pool = s.asid_table[pool_cap.asid >> asid_low_bits];
    if (!pool) return lookup_failed(0, LookupKind::InvalidRoot);
    if (pool != pool_cap.object) return invalid_cap(0);
    auto& entries = s.asid_pools.at(pool);
    word i = 0;
    while (i < entries.size() && (pool_cap.asid + i == 0 || entries[i])) i++;
    if (i == entries.size()) return error(Error::DeleteFirst);
    entries[i] = vspace.object;
    vspace.asid = pool_cap.asid + i;
    vspace.vaddr = 0;
    vspace.mapped = true;
    slot_at(s, inv.extra[0]).cap = vspace;
    return done(s, inv);
}

}  // namespace

SyscallError decode_vspace_invocation(State& s, const Invocation& inv, SlotRef slot) {
    switch (slot_at(s, slot).cap.type) {
    case CapType::Frame: return page_invocation(s, inv, slot);
    case CapType::PageTable: return table_invocation(s, inv, slot, Label::X86PageTableMap, Label::X86PageTableUnmap);
    case CapType::PageDirectory:
        return table_invocation(s, inv, slot, Label::X86PageDirectoryMap, Label::X86PageDirectoryUnmap);
    case CapType::Pdpt: return table_invocation(s, inv, slot, Label::X86PDPTMap, Label::X86PDPTUnmap);
    case CapType::AsidControl: return make_pool(s, inv);
    case CapType::AsidPool: return assign(s, inv, slot);
    default: return illegal();
    }
}

void finalise_vspace_cap(State& s, const Cap& cap, bool final) {
    switch (cap.type) {
    case CapType::Frame:
        if (cap.asid) unmap(s, cap, frame_level(cap.bits));
        return;
    case CapType::PageTable: case CapType::PageDirectory: case CapType::Pdpt:
        if (final && cap.mapped) unmap(s, cap, table_level(cap.type));
        return;
    case CapType::Pml4:
        if (final && cap.mapped && find_vspace(s, cap.asid) == cap.object) {
            s.asid_pools.at(s.asid_table[cap.asid >> asid_low_bits])[cap.asid & mask(asid_low_bits)] = 0;
        }
        return;
    case CapType::AsidPool: {
        word& entry = s.asid_table[cap.asid >> asid_low_bits];
        if (final && entry == cap.object) entry = 0;  // seL4's deleteASIDPool
        return;
    }
    default: return;
    }
}

Translation translate(const State& s, word asid, word vaddr) {
    word table = find_vspace(s, asid);
    if (!table || vaddr > user_top) return {};
    for (unsigned level = 0; level < 4; level++) {
        const auto& entries = s.tables.at(table).entries;
        auto e = entries.find(index_at(vaddr, level));
        if (e == entries.end()) return {};
        if (e->second.page) {
            return {e->second.target + ((vaddr & mask(span(level))) & ~mask(page_bits)), e->second.rights};
        }
        table = e->second.target;
    }
    return {};
}

std::vector<word> mapped_pages(const State& s, word asid) {
    std::vector<word> pages;
    struct Table {
        word object, base;
        unsigned level;
    };
    std::vector<Table> todo;
    if (word pml4 = find_vspace(s, asid)) todo.push_back({pml4, 0, 0});
    while (!todo.empty()) {
        Table t = todo.back();
        todo.pop_back();
        for (const auto& [i, e] : s.tables.at(t.object).entries) {
            word vaddr = t.base + (i << span(t.level));
            if (!e.page) todo.push_back({e.target, vaddr, t.level + 1});
            else if (e.rights >= 2) {
                for (word off = 0; off < (word{1} << span(t.level)); off += word{1} << page_bits) pages.push_back(vaddr + off);
            }
        }
    }
    return pages;
}

word thread_asid(const State& s, word thread) {
    const Cap& vtable = s.threads.at(thread).slots[VTableSlot].cap;
    if (!is_valid_vtable_root(vtable) || find_vspace(s, vtable.asid) != vtable.object) return 0;
    return vtable.asid;
}

void user_access(State& s, word vaddr, bool write, word value) {
    constexpr word error_present = 1, error_write = 2, error_user = 4;
    Thread& t = s.threads.at(s.current);
    word asid = thread_asid(s, s.current);
    Translation tr = asid ? translate(s, asid, vaddr) : Translation{};
    bool allowed = tr.rights == 3 || (tr.rights == 2 && !write);
    if (allowed) {
        word paddr = tr.frame + (vaddr & mask(page_bits) & ~word{7});
        if (write) store(s, paddr, value);
        else t.regs[load_register] = load(s, paddr);
        return;
    }
    t.regs[FaultIP] = t.regs[NextIP];  // the faulting instruction restarts
    Fault f{.type = FaultType::VMFault, .address = vaddr};
    bool present = tr.rights || vaddr > user_top;  // the kernel's half is mapped, for the kernel only
    f.fsr = error_user | (write ? error_write : 0) | (present ? error_present : 0);
    handle_fault(s, s.current, f);
}

}  // namespace spec
