// riscv64 address spaces (seL4's arch/riscv vspace.c and objecttype.c): frames and Sv39 page
// tables with their mapping records, their invocations (decodeRISCVMMUInvocation) in seL4's order
// of checks, and their finalisation; what aarch64 decodes alike is spec/arch/paging_tables.cc.
#include "../paging_tables.h"

namespace spec {

namespace {

constexpr word user_vspace_top = user_top + 1;  // seL4's USER_TOP
constexpr word execute_never = 1;               // seL4_RISCV_ExecuteNever

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
    if (SyscallError e = frame_map_checked_root(s, inv, root); failed(e)) return e;
    const Cap cap = slot_at(s, slot).cap;
    word vaddr = inv.words[0];
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

SyscallError decode_arch_invocation(State& s, const Invocation& inv, SlotRef slot) {
    switch (slot_at(s, slot).cap.type) {
    case CapType::PageTable: return decode_page_table(s, inv, slot);
    default: return illegal();
    }
}

void finalise_arch_cap(State& s, const Cap& cap, bool final) { finalise_table_cap(s, cap, final); }

// seL4's handleVMFault on RISC-V: the access-fault cause of the access, a load's or a store's.
word vm_fault_status(word, bool write, const Translation&) {
    constexpr word load_access = 5, store_access = 7;
    return write ? store_access : load_access;
}

}  // namespace spec
