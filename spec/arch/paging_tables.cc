// The page tables riscv64 and aarch64 share (paging_tables.h): seL4's lookupPTSlot, unmapPage,
// unmapPageTable, the PageTable invocations of decodeRISCVMMUInvocation and decodeARMMMUInvocation
// (the same checks in the same order) and Arch_finaliseCap for paging structures.
#include "paging_tables.h"
#include "arch_labels.h"

namespace spec {

PtSlot lookup_pt_slot(const State& s, word root, word vaddr) {
    word table = root;
    unsigned level = 0;
    for (;; level++) {
        const auto& entries = s.tables.at(table).entries;
        auto e = entries.find(index_at(vaddr, level));
        if (level + 1 == paging_levels || e == entries.end() || e->second.page) break;
        table = e->second.target;
    }
    return {table, index_at(vaddr, level), level_bits(level)};
}

const PagingEntry* entry_at(const State& s, const PtSlot& slot) {
    const auto& entries = s.tables.at(slot.table).entries;
    auto e = entries.find(slot.index);
    return e == entries.end() ? nullptr : &e->second;
}

// seL4's unmapPage: the entry goes only if it still maps this frame, at its size.
void unmap_frame(State& s, const Cap& cap) {
    word root = find_vspace(s, cap.asid);
    if (!root) return;
    PtSlot slot = lookup_pt_slot(s, root, cap.vaddr);
    const PagingEntry* e = entry_at(s, slot);
    if (slot.bits_left != cap.bits || !e || !e->page || e->target != cap.object) return;
    s.tables.at(slot.table).entries.erase(slot.index);
}

SyscallError frame_map_checked_root(const State& s, const Invocation& inv, Cap& root) {
    if (SyscallError e = frame_map_root(s, inv, root); failed(e)) return e;
    return check_vspace_root(s, root);
}

namespace {

// seL4's unmapPageTable: the entry pointing to `table` on the way to `vaddr`, if there is one.
void unmap_page_table(State& s, word asid, word vaddr, word table) {
    word pt = find_vspace(s, asid);
    if (!pt) return;
    word parent = 0, index = 0;
    for (unsigned level = 0; level + 1 < paging_levels && pt != table; level++) {
        const auto& entries = s.tables.at(pt).entries;
        auto e = entries.find(index_at(vaddr, level));
        if (e == entries.end() || e->second.page) return;
        parent = pt;
        index = index_at(vaddr, level);
        pt = e->second.target;
    }
    if (pt != table || !parent) return;
    s.tables.at(parent).entries.erase(index);
}

// PageTable Unmap: never the last cap's, never a VSpace root's (riscv64's roots are page tables);
// the table is cleared.
SyscallError table_unmap(State& s, const Invocation& inv, SlotRef slot) {
    const Cap cap = slot_at(s, slot).cap;
    if (!is_final_capability(s, slot)) return error(Error::RevokeFirst);
    if (deletes_asid(s, cap)) return error(Error::RevokeFirst);
    if (cap.mapped) {
        unmap_page_table(s, cap.asid, cap.vaddr, cap.object);
        s.tables.at(cap.object).entries.clear();
    }
    slot_at(s, slot).cap = unmapped(cap);
    return done(s, inv);
}

// PageTable Map: where the walk stops, unless that is the last level or something is there.
SyscallError table_map(State& s, const Invocation& inv, SlotRef slot) {
    if (inv.words.size() < 2 || inv.extra.empty()) return truncated();
    Cap cap = slot_at(s, slot).cap;
    if (cap.mapped) return invalid_cap(0);
    word vaddr = inv.words[0];
    const Cap root = slot_at(s, inv.extra[0]).cap;
    if (!is_valid_vtable_root(root)) return invalid_cap(1);
    if (vaddr > user_top) return error(Error::InvalidArgument, 0);
    if (SyscallError e = check_vspace_root(s, root); failed(e)) return e;
    PtSlot pt = lookup_pt_slot(s, root.object, vaddr);
    if (pt.bits_left == page_bits || entry_at(s, pt)) return error(Error::DeleteFirst);
    s.tables.at(pt.table).entries[pt.index] = PagingEntry{false, cap.object, 0};
    return record_mapping(s, inv, slot, root.asid, vaddr & ~mask(pt.bits_left));
}

}  // namespace

SyscallError decode_page_table(State& s, const Invocation& inv, SlotRef slot) {
    if (inv.label == static_cast<word>(page_table_unmap_label)) return table_unmap(s, inv, slot);
    if (inv.label == static_cast<word>(page_table_map_label)) return table_map(s, inv, slot);
    return illegal();
}

void finalise_table_cap(State& s, const Cap& cap, bool final) {
    if (!is_vspace_table(cap.type) || !final || !cap.mapped) return;
    if (deletes_asid(s, cap)) delete_asid(s, cap);
    else unmap_page_table(s, cap.asid, cap.vaddr, cap.object);
}

}  // namespace spec
