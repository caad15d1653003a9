// x86_64 address spaces (seL4's arch/x86 vspace.c and objecttype.c): frames and the four levels
// of paging structures with their mapping records, their invocations and finalisation (the ASID
// table and pools, translation and user accesses are the generic vspace.cc).
#include "arch_ops.h"
#include "generated/invocations.h"
#include "spec.h"

namespace spec {

using Label = core::InvocationLabel;

namespace {

bool is(const Invocation& inv, Label l) { return inv.label == static_cast<word>(l); }

// The level whose entries map a frame of 2^bits bytes, or hold a table of type `t`.
unsigned frame_level(unsigned bits) { return bits == 12 ? 3 : bits == 21 ? 2 : 1; }
unsigned table_level(CapType t) { return t == CapType::Pdpt ? 0 : t == CapType::PageDirectory ? 1 : 2; }

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
        if (e == entries.end() || e->second.page) return {0, level_bits(l)};
        table = e->second.target;
    }
    return {table, 0};
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

}  // namespace

// X86Page_Map in seL4's order of checks.
SyscallError map_frame(State& s, const Invocation& inv, SlotRef slot) {
    Cap root;
    if (SyscallError e = frame_map_root(s, inv, root); failed(e)) return e;
    const Cap cap = slot_at(s, slot).cap;
    word vaddr = inv.words[0];
    if (cap.asid != 0) {
        if (cap.asid != root.asid) return invalid_cap(1);
        if (cap.vaddr != vaddr) return error(Error::InvalidArgument, 0);
    } else if (vaddr > user_top || vaddr + (word{1} << cap.bits) > user_top) {
        return error(Error::InvalidArgument, 0);
    }
    if (SyscallError e = check_vspace_root(s, root); failed(e)) return e;
    word rights = mask_cap_rights(inv.words[1], cap).vm_rights;
    if (vaddr & mask(cap.bits)) return error(Error::AlignmentError);
    unsigned level = frame_level(cap.bits);
    Walk w = walk(s, root.object, vaddr, level);
    if (!w.table) return lookup_failed(w.bits_left);
    auto& entries = s.tables.at(w.table).entries;
    auto old = entries.find(index_at(vaddr, level));
    if (level < 3 && old != entries.end() && !old->second.page) return error(Error::DeleteFirst);
    entries[index_at(vaddr, level)] = PagingEntry{true, cap.object, rights};
    return record_mapping(s, inv, slot, root.asid, vaddr);
}

namespace {


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
    word vaddr = inv.words[0] & ~mask(level_bits(level));
    const Cap root = slot_at(s, inv.extra[0]).cap;
    if (!is_valid_vtable_root(root)) return invalid_cap(1);
    if (vaddr > user_top) return error(Error::InvalidArgument, 0);
    if (SyscallError e = check_vspace_root(s, root); failed(e)) return e;
    Walk w = walk(s, root.object, vaddr, level);
    if (!w.table) return lookup_failed(w.bits_left);
    auto& entries = s.tables.at(w.table).entries;
    if (entries.count(index_at(vaddr, level))) return error(Error::DeleteFirst);
    entries[index_at(vaddr, level)] = PagingEntry{false, cap.object, 0};
    return record_mapping(s, inv, slot, root.asid, vaddr);
}

}  // namespace

void unmap_frame(State& s, const Cap& cap) { unmap(s, cap, frame_level(cap.bits)); }

SyscallError decode_vspace_invocation(State& s, const Invocation& inv, SlotRef slot) {
    switch (slot_at(s, slot).cap.type) {
        case CapType::PageTable: return table_invocation(s, inv, slot, Label::X86PageTableMap, Label::X86PageTableUnmap);
    case CapType::PageDirectory:
        return table_invocation(s, inv, slot, Label::X86PageDirectoryMap, Label::X86PageDirectoryUnmap);
    case CapType::Pdpt: return table_invocation(s, inv, slot, Label::X86PDPTMap, Label::X86PDPTUnmap);
    default: return illegal();
    }
}

void finalise_vspace_cap(State& s, const Cap& cap, bool final) {
    switch (cap.type) {
    case CapType::PageTable: case CapType::PageDirectory: case CapType::Pdpt:
        if (final && cap.mapped) unmap(s, cap, table_level(cap.type));
        return;
    case CapType::Pml4:
        if (final && deletes_asid(s, cap)) delete_asid(s, cap);
        return;
    default: return;
    }
}

// The x86 page-fault error code of a user access: user, write, and present when a page (for the
// kernel only, or read-only) or the kernel's half is there.
word vm_fault_status(word vaddr, bool write, const Translation& tr) {
    constexpr word error_present = 1, error_write = 2, error_user = 4;
    bool present = tr.rights || vaddr > user_top;
    return error_user | (write ? error_write : 0) | (present ? error_present : 0);
}

}  // namespace spec
