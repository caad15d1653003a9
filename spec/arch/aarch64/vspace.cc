// aarch64 address spaces (seL4's arch/arm/64 vspace.c, decodeARMMMUInvocation): ARMPageMap, the
// Page and VSpace cache operations (their checks: the model has no caches), in seL4's order of
// checks, and the ESR of a VM fault; the page tables are spec/arch/paging_tables.cc's.
#include "../paging_tables.h"
#include "generated/invocations.h"

namespace spec {

namespace {

using Label = core::InvocationLabel;

constexpr word read_write = 3;

// Where a frame already mapped may be mapped again: the same address space and address; a frame
// not mapped must fit below USER_TOP.
SyscallError check_map_address(const Cap& cap, word asid, word vaddr) {
    if (cap.asid != 0) {
        if (cap.asid != asid) return invalid_cap(1);
        if (cap.vaddr != vaddr) return error(Error::InvalidArgument, 0);
    } else if (vaddr + mask(cap.bits) > user_top) {  // it may wrap, as seL4's
        return error(Error::InvalidArgument, 0);
    }
    return ok();
}

bool is_cache_label(word label, Label first) {
    return label >= static_cast<word>(first) && label < static_cast<word>(first) + 4;
}

// DC IVAC needs write permission at EL1: Invalidate_Data only through a read-write mapping.
SyscallError check_invalidate_rights(word label, Label invalidate, const PagingEntry& e) {
    return label == static_cast<word>(invalidate) && e.rights != read_write ? illegal() : ok();
}

// The Page cache operations: [start, end) inside the frame, through the mapping its cap records.
SyscallError page_flush(State& s, const Invocation& inv, const Cap& cap) {
    if (inv.words.size() < 2) return truncated();
    if (cap.asid == 0) return illegal();
    word root = find_vspace(s, cap.asid);
    if (!root) return lookup_failed(0, LookupKind::InvalidRoot);
    word start = inv.words[0], end = inv.words[1];
    if (end <= start) return error(Error::InvalidArgument, 1);
    if (start >= (word{1} << cap.bits) || end > (word{1} << cap.bits)) return error(Error::InvalidArgument, 0);
    PtSlot pt = lookup_pt_slot(s, root, cap.vaddr);
    const PagingEntry* e = entry_at(s, pt);
    if (pt.bits_left != cap.bits || !e || !e->page || e->target != cap.object) return invalid_cap(0);
    if (SyscallError r = check_invalidate_rights(inv.label, Label::ARMPageInvalidate_Data, *e); failed(r)) return r;
    return done(s, inv);
}

// The VSpace cache operations: [start, end) inside the one page that maps start; an unmapped
// start is no error.
SyscallError vspace_flush(State& s, const Invocation& inv, const Cap& cap) {
    if (inv.words.size() < 2) return truncated();
    word start = inv.words[0], end = inv.words[1];
    if (end <= start) return error(Error::InvalidArgument, 1);
    if (end > user_top) return illegal();
    if (!is_valid_vtable_root(cap)) return invalid_cap(0);
    word root = find_vspace(s, cap.asid);
    if (!root) return lookup_failed(0, LookupKind::InvalidRoot);
    if (root != cap.object) return invalid_cap(0);
    PtSlot pt = lookup_pt_slot(s, root, start);
    const PagingEntry* e = entry_at(s, pt);
    if (!e || !e->page) return done(s, inv);
    word first = start & ~mask(pt.bits_left);
    if (first != ((end - 1) & ~mask(pt.bits_left))) return error(Error::RangeError, start, first + mask(pt.bits_left));
    if (SyscallError r = check_invalidate_rights(inv.label, Label::ARMVSpaceInvalidate_Data, *e); failed(r)) return r;
    return done(s, inv);
}

}  // namespace

// ARMPageMap in seL4's order of checks: no DeleteFirst, whatever the entry held is replaced.
SyscallError map_frame(State& s, const Invocation& inv, SlotRef slot) {
    Cap root;
    if (SyscallError e = frame_map_checked_root(s, inv, root); failed(e)) return e;
    const Cap cap = slot_at(s, slot).cap;
    word vaddr = inv.words[0];
    if (vaddr & mask(cap.bits)) return error(Error::AlignmentError);
    if (SyscallError e = check_map_address(cap, root.asid, vaddr); failed(e)) return e;
    PtSlot pt = lookup_pt_slot(s, root.object, vaddr);
    if (pt.bits_left != cap.bits) return lookup_failed(pt.bits_left);
    word rights = mask_cap_rights(inv.words[1], cap).vm_rights;
    s.tables.at(pt.table).entries[pt.index] = PagingEntry{true, cap.object, rights};
    return record_mapping(s, inv, slot, root.asid, vaddr);
}

SyscallError decode_arch_frame(State& s, const Invocation& inv, SlotRef slot) {
    if (!is_cache_label(inv.label, Label::ARMPageClean_Data)) return illegal();
    return page_flush(s, inv, slot_at(s, slot).cap);
}

SyscallError decode_arch_invocation(State& s, const Invocation& inv, SlotRef slot) {
    const Cap cap = slot_at(s, slot).cap;
    switch (cap.type) {
    case CapType::PageTable: return decode_page_table(s, inv, slot);
    case CapType::VSpace: return is_cache_label(inv.label, Label::ARMVSpaceClean_Data) ? vspace_flush(s, inv, cap) : illegal();
    default: return illegal();
    }
}

void finalise_arch_cap(State& s, const Cap& cap, bool final) { finalise_table_cap(s, cap, final); }

// seL4's handleVMFault on Arm: the ESR_EL1 of the data abort from EL0 (EC 0x24, IL, WnR for a
// store): a translation fault at the level where the walk stopped, or a permission fault at the
// page's.
word vm_fault_status(word, bool write, const Translation& tr) {
    constexpr word data_abort_lower = word{0x24} << 26, il = word{1} << 25, wnr = word{1} << 6;
    word dfsc = (tr.rights ? 0xc : 0x4) | tr.level;
    return data_abort_lower | il | (write ? wnr : 0) | dfsc;
}

}  // namespace spec
