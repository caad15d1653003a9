// The paging-structure and ASID invocations riscv64 and aarch64 share (seL4 16.0.0's
// decodeRISCVMMUInvocation and decodeARMMMUInvocation agree on them, check for check), and the
// unmapping their caps' deletion does, over the walks of arch/paging_common.h.
//
// An architecture's policy P is its entry format (arch/paging_common.h) and:
//   root_type        the cap type of a VSpace root (riscv64 a PageTable, aarch64 a VSpace);
//   prefix           its invocations' name in the diagnostics ("RISCV", "ARM");
//   make_pool_label, assign_label   its ASIDControl MakePool and ASIDPool Assign labels;
//   table_pte(paddr) the entry that points to a next-level table;
//   entry_written(pte, asid, vaddr, was_valid), page_entry_cleared(pte, asid, vaddr),
//   table_entry_cleared(pte, asid)   what the TLB and caches need after each change;
//   init_root(root)  what a table becoming an address space gets (seL4's copyGlobalMappings).
#pragma once
#include "arch/caps.h"
#include "arch/clear_memory.h"
#include "arch/paging_common.h"
#include "arch/vspace.h"
#include "cspace/cte.h"
#include "cspace/lookup.h"
#include "kernel/user_error.h"

namespace arch::mmu {

constexpr unsigned table_bits = 12;  // seL4_PageTableBits, seL4_ASIDPoolBits

// findVSpaceForASID's failure: a failed lookup of an invalid root.
inline core::SyscallError invalid_root_lookup_error() {
    return core::SyscallError::failed_lookup(false, core::LookupFault::invalid_root());
}

template <typename P>
inline bool is_vspace_root_cap(const core::Cap& c) {
    return c.type() == P::root_type && c.is_mapped();
}

// A VSpace root cap's ASID still names its root (the cap's then): seL4's findVSpaceForASID and the
// comparison every Map makes after it (no root: FailedLookup; another: the cap is stale).
template <typename P>
[[gnu::always_inline]] inline core::SysStatus check_root_asid(const core::Cap& root, const char* who) {
    void* found = find_vspace(root.mapped_asid());
    if (!found) return core::user_fail(invalid_root_lookup_error(), "%s%s: ASID lookup failed", P::prefix, who);
    if (found != root.ptr()) {
        return core::user_fail(core::SyscallError::invalid_capability(1), "%s%s: ASID lookup failed", P::prefix, who);
    }
    return {};
}

// seL4's unmapPage: the entry that maps the frame of `cap` where its cap says, if it still does.
template <typename P>
void unmap_page(const core::Cap& cap) {
    void* root = find_vspace(cap.mapped_asid());
    if (!root) return;
    u64* pte = page_slot<P>(root, cap.mapped_address(), frame_size_bits(cap.frame_size()), ptr_to_phys(cap.ptr()));
    if (!pte) return;
    *pte = 0;
    P::page_entry_cleared(pte, cap.mapped_asid(), cap.mapped_address());
}

// seL4's unmapPageTable: the entry pointing to `table` on the way to `vaddr` in the address space
// of `asid`, if there is one.
template <typename P>
void unmap_page_table(word asid, word vaddr, const void* table) {
    void* root = find_vspace(asid);
    if (!root) return;
    u64* entry = table_slot<P>(root, vaddr, table);
    if (!entry) return;
    *entry = 0;
    P::table_entry_cleared(entry, asid);
}

// Frame Unmap: the mapping the cap records goes, and the cap forgets it.
template <typename P>
core::SysStatus page_unmap(core::Slot& slot) {
    if (slot.cap.mapped_asid()) unmap_page<P>(slot.cap);
    slot.cap = slot.cap.without_mapping();
    return {};
}

// PageTable Map: the table goes into the deepest free entry on the way to `vaddr`.
template <typename P, typename A>
core::SysStatus table_map(const core::Message& msg, core::Slot& slot) {
    using core::SyscallError;
    if (msg.length() < A::length || !msg.extra_cap(A::vspace)) {
        return core::user_fail(SyscallError::of(core::ErrorCode::TruncatedMessage), "%sPageTable: truncated message", P::prefix);
    }
    const core::Cap cap = slot.cap;
    if (cap.is_mapped()) {
        return core::user_fail(SyscallError::invalid_capability(0), "%sPageTable: PageTable is already mapped.", P::prefix);
    }
    word vaddr = msg.arg(A::vaddr);
    const core::Cap root = msg.extra_cap(A::vspace)->cap;
    if (!is_vspace_root_cap<P>(root)) {
        return core::user_fail(SyscallError::invalid_capability(1), "%sPageTableMap: Invalid top-level PageTable.", P::prefix);
    }
    if (vaddr > user_top) {
        return core::user_fail(SyscallError::invalid_argument(0),
                               "%sPageTableMap: Virtual address cannot be in kernel window.", P::prefix);
    }
    if (core::SysStatus r = check_root_asid<P>(root, "PageTableMap"); !r) return r;
    PtSlot s = lookup_pt_slot<P>(root.ptr(), vaddr);
    if (s.bits_left == table_bits || P::is_valid_pte(*s.pte)) {
        return core::user_fail(SyscallError::of(core::ErrorCode::DeleteFirst),
                               "%sPageTableMap: All objects mapped at this address", P::prefix);
    }
    slot.cap = cap.with_mapping(root.mapped_asid(), round_down(vaddr, s.bits_left));
    *s.pte = P::table_pte(ptr_to_phys(cap.ptr()));
    P::entry_written(s.pte, root.mapped_asid(), vaddr, false);
    return {};
}

// An ASIDControl or ASIDPool cap invoked with another label than its one invocation's.
inline bool is_other_label(const core::Message& msg, core::InvocationLabel label) {
    return msg.label() != static_cast<word>(label);
}

// ASIDControl MakePool: a one-page untyped with no children becomes the first free pool.
template <typename P, typename A>
core::SysStatus make_pool(const core::Message& msg) {
    using core::SyscallError;
    if (is_other_label(msg, P::make_pool_label)) return core::fail(SyscallError::of(core::ErrorCode::IllegalOperation));
    if (msg.length() < A::length || !msg.extra_cap(A::untyped) || !msg.extra_cap(A::root)) {
        return core::fail(SyscallError::of(core::ErrorCode::TruncatedMessage));
    }
    unsigned i = 0;
    while (i < asid_pools && asid_table[i]) i++;
    if (i == asid_pools) {
        return core::user_fail(SyscallError::of(core::ErrorCode::DeleteFirst), "ASIDControlMakePool: No unallocated pools found.");
    }
    core::Slot& parent = *msg.extra_cap(A::untyped);
    const core::Cap ut = parent.cap;
    if (ut.type() != core::CapType::Untyped || ut.untyped_size_bits() != table_bits || ut.untyped_is_device()) {
        return core::fail(SyscallError::invalid_capability(1));
    }
    if (core::SysStatus s = core::ensure_no_children(parent); !s) return s;
    auto dest = core::lookup_slot_for_cnode_op(false, msg.extra_cap(A::root)->cap, msg.arg(A::index), msg.arg(A::depth));
    if (!dest) return core::fail(dest.error());
    if (core::SysStatus s = core::ensure_empty_slot(*dest.value()); !s) return s;
    parent.cap.set_untyped_full();
    clear_memory(ut.ptr(), bit(table_bits));
    core::cte_insert(core::Cap::asid_pool(ut.ptr(), word{i} << asid_low_bits), parent, *dest.value());
    asid_table[i] = static_cast<AsidPool*>(ut.ptr());
    return {};
}

// ASIDPool Assign: an unassigned VSpace root takes the pool's first free ASID (never ASID 0).
template <typename P, typename A>
core::SysStatus assign(const core::Message& msg, core::Slot& slot) {
    using core::SyscallError;
    if (is_other_label(msg, P::assign_label)) return core::fail(SyscallError::of(core::ErrorCode::IllegalOperation));
    if (!msg.extra_cap(A::vspace)) return core::fail(SyscallError::of(core::ErrorCode::TruncatedMessage));
    core::Slot& vslot = *msg.extra_cap(A::vspace);
    if (vslot.cap.type() != P::root_type || vslot.cap.is_mapped()) {
        return core::user_fail(SyscallError::invalid_capability(1), "%sASIDPool: Invalid vspace root.", P::prefix);
    }
    word base = slot.cap.asid_base();
    AsidPool* pool = pool_of(base);
    if (!pool) return core::fail(invalid_root_lookup_error());
    if (pool != slot.cap.ptr()) return core::fail(SyscallError::invalid_capability(0));
    word i = 0;
    while (i < bit(asid_low_bits) && (base + i == 0 || pool->vspace[i])) i++;
    if (i == bit(asid_low_bits)) return core::fail(SyscallError::of(core::ErrorCode::DeleteFirst));
    vslot.cap = vslot.cap.with_mapping(base + i, 0);
    P::init_root(vslot.cap.ptr());
    pool->vspace[i] = vslot.cap.ptr();
    return {};
}

// The initial thread's address space: ASID 1 in pool 0 (seL4's write_it_asid_pool).
inline void set_initial_pool(void* pool, void* root) {
    asid_table[0] = static_cast<AsidPool*>(pool);
    asid_table[0]->vspace[1] = root;
}

// The physical root a thread with this VTable cap runs on, 0 for none (setVMRoot's checks).
template <typename P>
word vspace_root_of(const core::Cap& vtable) {
    if (!is_vspace_root_cap<P>(vtable) || find_vspace(vtable.mapped_asid()) != vtable.ptr()) return 0;
    return ptr_to_phys(vtable.ptr());
}

}  // namespace arch::mmu
