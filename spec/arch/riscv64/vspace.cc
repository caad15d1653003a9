// riscv64 address spaces (seL4's arch/riscv vspace.c and objecttype.c): frames and Sv39 page
// tables with their mapping records, their invocations (decodeRISCVMMUInvocation) in seL4's order
// of checks, and their finalisation. Unlike x86_64's, a page table's level is not its type: a walk
// goes down while entries point to tables (lookupPTSlot), and a table is mapped where it stops.
#include "generated/invocations.h"
#include "ops.h"
#include "spec.h"

namespace spec {

using Label = core::InvocationLabel;

namespace {

bool is(const Invocation& inv, Label l) { return inv.label == static_cast<word>(l); }

constexpr word user_vspace_top = user_top + 1;  // seL4's USER_TOP
constexpr word execute_never = 1;               // seL4_RISCV_ExecuteNever

// seL4's lookupPTSlot: the deepest table a walk from `root` reaches for `vaddr` (going down while
// the entry is a table, never below the last level), the entry's index there and the bits it spans.
struct PtSlot {
    word table = 0;
    word index = 0;
    unsigned bits_left = 0;
};
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

}  // namespace

// seL4's unmapPage: the entry goes only if it still maps this frame, at its size.
void unmap_frame(State& s, const Cap& cap) {
    word root = find_vspace(s, cap.asid);
    if (!root) return;
    PtSlot slot = lookup_pt_slot(s, root, cap.vaddr);
    const PagingEntry* e = entry_at(s, slot);
    if (slot.bits_left != cap.bits || !e || !e->page || e->target != cap.object) return;
    s.tables.at(slot.table).entries.erase(slot.index);
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

// seL4's makeUserPTE: readable unless kernel-only, writable if read-write, executable unless
// ExecuteNever; a mapping with no right at all is no entry.
void write_page_entry(State& s, const PtSlot& slot, word frame, word rights, bool executable) {
    auto& entries = s.tables.at(slot.table).entries;
    if (rights < 2 && !executable) entries.erase(slot.index);
    else entries[slot.index] = PagingEntry{true, frame, rights};
}

// Where a frame already mapped may be mapped again: the same address space and address.
SyscallError check_remap(const Cap& cap, word asid, word vaddr, const PagingEntry* e) {
    if (cap.asid != asid) return invalid_cap(1);
    if (cap.vaddr != vaddr) return error(Error::InvalidArgument, 0);
    if (e && !e->page) return error(Error::DeleteFirst);
    return ok();
}

}  // namespace

// RISCVPageMap in seL4's order of checks.
SyscallError map_frame(State& s, const Invocation& inv, SlotRef slot) {
    Cap root;
    if (SyscallError e = frame_map_root(s, inv, root); failed(e)) return e;
    const Cap cap = slot_at(s, slot).cap;
    word vaddr = inv.words[0];
    if (SyscallError e = check_vspace_root(s, root); failed(e)) return e;
    if (vaddr + mask(cap.bits) >= user_vspace_top) return error(Error::InvalidArgument, 0);  // it may wrap, as seL4's
    if (vaddr & mask(cap.bits)) return error(Error::AlignmentError);
    PtSlot pt = lookup_pt_slot(s, root.object, vaddr);
    if (pt.bits_left != cap.bits) return lookup_failed(pt.bits_left);
    const PagingEntry* e = entry_at(s, pt);
    if (cap.asid != 0) {
        if (SyscallError r = check_remap(cap, root.asid, vaddr, e); failed(r)) return r;
    } else if (e) {
        return error(Error::DeleteFirst);
    }
    word rights = mask_cap_rights(inv.words[1], cap).vm_rights;
    write_page_entry(s, pt, cap.object, rights, !(inv.words[2] & execute_never));
    return record_mapping(s, inv, slot, root.asid, vaddr);
}

namespace {


// RISCVPageTableUnmap: never the last cap's, never a VSpace root's; the table is cleared.
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

// RISCVPageTableMap: where the walk stops, unless that is the last level or something is there.
SyscallError table_map(State& s, const Invocation& inv, SlotRef slot) {
    if (inv.words.size() < 2 || inv.extra.empty()) return truncated();
    Cap cap = slot_at(s, slot).cap;
    if (cap.mapped) return invalid_cap(0);
    word vaddr = inv.words[0];
    const Cap root = slot_at(s, inv.extra[0]).cap;
    if (!is_valid_vtable_root(root)) return invalid_cap(1);
    if (vaddr >= user_vspace_top) return error(Error::InvalidArgument, 0);
    if (SyscallError e = check_vspace_root(s, root); failed(e)) return e;
    PtSlot pt = lookup_pt_slot(s, root.object, vaddr);
    if (pt.bits_left == page_bits || entry_at(s, pt)) return error(Error::DeleteFirst);
    s.tables.at(pt.table).entries[pt.index] = PagingEntry{false, cap.object, 0};
    return record_mapping(s, inv, slot, root.asid, vaddr & ~mask(pt.bits_left));
}

SyscallError table_invocation(State& s, const Invocation& inv, SlotRef slot) {
    if (is(inv, Label::RISCVPageTableUnmap)) return table_unmap(s, inv, slot);
    if (is(inv, Label::RISCVPageTableMap)) return table_map(s, inv, slot);
    return illegal();
}

}  // namespace

SyscallError decode_arch_invocation(State& s, const Invocation& inv, SlotRef slot) {
    switch (slot_at(s, slot).cap.type) {
        case CapType::PageTable: return table_invocation(s, inv, slot);
    default: return illegal();
    }
}

// seL4's Arch_finaliseCap for page tables: a final mapped one frees its ASID if it is a VSpace
// root, else unmaps.
void finalise_arch_cap(State& s, const Cap& cap, bool final) {
    switch (cap.type) {
    case CapType::PageTable:
        if (!final || !cap.mapped) return;
        if (deletes_asid(s, cap)) delete_asid(s, cap);
        else unmap_page_table(s, cap.asid, cap.vaddr, cap.object);
        return;
    default: return;
    }
}

// seL4's handleVMFault on RISC-V: the access-fault cause of the access, a load's or a store's.
word vm_fault_status(word, bool write, const Translation&) {
    constexpr word load_access = 5, store_access = 7;
    return write ? store_access : load_access;
}

}  // namespace spec
