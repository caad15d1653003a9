// riscv64 (Sv39) paging-structure and ASID invocations, and what deleting their caps undoes
// (seL4 16.0.0's decodeRISCVMMUInvocation, unmapPage, unmapPageTable, deleteASID, deleteASIDPool).
#include "arch/mmu.h"
#include "arch/caps.h"
#include "arch/clear_memory.h"
#include "arch/csr.h"
#include "cspace/cte.h"
#include "cspace/lookup.h"
#include "kernel/user_error.h"
#include "mmu_internal.h"
#include "object/frame.h"

namespace arch {

mmu::AsidPool* mmu::asid_table[mmu::asid_pools];
u64 mmu::asid_generation = 1;

namespace {

using core::Cap;
using core::CapType;
using core::ErrorCode;
using core::fail;
using core::LookupFault;
using core::SysStatus;
using core::SyscallError;
using core::user_fail;
using core::VmRights;
using L = core::InvocationLabel;
using namespace mmu;
using namespace sv39;

// seL4's USER_TOP (seL4_UserTop, 0x3ffffff000): no user mapping reaches it.
constexpr word user_map_top = user_top + 1;
constexpr unsigned table_bits = 12;  // seL4_PageTableBits, seL4_ASIDPoolBits
constexpr word execute_never = 1;    // seL4_RISCV_ExecuteNever in seL4_RISCV_VMAttributes

SysStatus illegal() { return fail(SyscallError::of(ErrorCode::IllegalOperation)); }
SysStatus truncated() { return fail(SyscallError::of(ErrorCode::TruncatedMessage)); }
// findVSpaceForASID's failure: a failed lookup of an invalid root.
SyscallError invalid_root_lookup_error() { return SyscallError::failed_lookup(false, LookupFault::invalid_root()); }

// seL4's sfence(): every cached translation goes (Keel runs every address space on ASID 0).
void sfence() { csr::sfence_vma(); }

// The kernel stops running on `root` (seL4's setVMRoot after an ASID goes): it is about to be
// unreachable by its ASID, cleared or freed. Only the loaded root can have cached translations:
// every address space runs on hardware ASID 0, every satp write is followed by a full sfence.vma,
// and there is one hart. Per-ASID satp values or more harts would need seL4's hwASIDFlush of the
// ASID here and in delete_asid_pool.
void leave_vspace(const void* root) {
    if ((csr::read_satp() & mask(44)) == ptr_to_phys(root) >> 12) activate_vspace(kernel_vspace_root());
}

// seL4's makeUserPTE: readable unless kernel-only, writable if read-write, executable unless
// ExecuteNever; no right at all is no entry. Accessed and dirty are set (no A/D faults).
u64 user_pte(word paddr, bool executable, VmRights rights) {
    bool read = rights != VmRights::KernelOnly, write = rights == VmRights::ReadWrite;
    if (!read && !write && !executable) return 0;
    return leaf_pte(paddr, pte_u | (executable ? pte_x : 0) | (write ? pte_w : 0) | (read ? pte_r : 0));
}

bool is_vspace_root_cap(const Cap& c) { return c.type() == CapType::PageTable && c.is_mapped(); }

// seL4's unmapPage: the entry that maps the frame of `cap` where its cap says, if it still does.
void unmap_page(const Cap& cap) {
    void* root = find_vspace(cap.mapped_asid());
    if (!root) return;
    PtSlot s = lookup_pt_slot(root, cap.mapped_address());
    if (s.bits_left != frame_size_bits(cap.frame_size())) return;
    if (!(*s.pte & pte_v) || is_table_pte(*s.pte) || pte_paddr(*s.pte) != ptr_to_phys(cap.ptr())) return;
    *s.pte = 0;
    sfence();
}

// seL4's unmapPageTable: the entry pointing to `table` on the way to `vaddr` in the address space
// of `asid`, if there is one.
void unmap_page_table(word asid, word vaddr, const void* table) {
    void* root = find_vspace(asid);
    if (!root) return;
    u64* pt = static_cast<u64*>(root);
    u64* entry = nullptr;
    for (unsigned level = 0; level + 1 < levels && pt != table; level++) {
        entry = &pt[index(vaddr, level)];
        if (!is_table_pte(*entry)) return;
        pt = table_of(*entry);
    }
    if (pt != table || !entry) return;
    *entry = 0;
    sfence();
}

// seL4's deleteASID: `root` loses its ASID.
void delete_asid(word asid, const void* root) {
    AsidPool* pool = asid_table[(asid >> asid_low_bits) & (asid_pools - 1)];
    if (!pool || pool->vspace[asid & mask(asid_low_bits)] != root) return;
    pool->vspace[asid & mask(asid_low_bits)] = nullptr;
    asid_generation++;
    leave_vspace(root);
}

// seL4's deleteASIDPool: every address space in the pool loses its ASID.
void delete_asid_pool(word asid_base, const void* pool) {
    AsidPool*& entry = asid_table[(asid_base >> asid_low_bits) & (asid_pools - 1)];
    if (entry != pool) return;
    for (void* root : entry->vspace) {
        if (root) leave_vspace(root);
    }
    entry = nullptr;
    asid_generation++;
}

// --- Frame ------------------------------------------------------------------------------------

// The checks of the address space a Map names (seL4's order): a mapped PageTable cap whose ASID
// still names it.
SysStatus check_map_root(const Cap& root, const char* bad_cap, const char* no_asid, const char* stale) {
    if (!is_vspace_root_cap(root)) return user_fail(SyscallError::invalid_capability(1), "%s", bad_cap);
    void* found = find_vspace(root.mapped_asid());
    if (!found) return user_fail(invalid_root_lookup_error(), "%s", no_asid);
    if (found != root.ptr()) return user_fail(SyscallError::invalid_capability(1), "%s", stale);
    return {};
}

// Where a frame already mapped may be mapped again: the same address space and address, with
// new rights (seL4's remap).
SysStatus check_remap(const Cap& cap, word asid, word vaddr, u64 pte) {
    if (cap.mapped_asid() != asid) {
        return user_fail(SyscallError::invalid_capability(1),
                         "RISCVPageMap: Attempting to remap a frame that does not belong to the passed address space");
    }
    if (cap.mapped_address() != vaddr) {
        return user_fail(SyscallError::invalid_argument(0), "RISCVPageMap: attempting to map frame into multiple addresses");
    }
    if (is_table_pte(pte)) return user_fail(SyscallError::of(ErrorCode::DeleteFirst), "RISCVPageMap: no mapping to remap.");
    return {};
}

SysStatus page_map(const core::Message& msg, core::Slot& slot) {
    using A = core::args::RISCVPageMap;
    if (msg.length() < A::length || !msg.extra_cap(A::vspace)) {
        return user_fail(SyscallError::of(ErrorCode::TruncatedMessage), "RISCVPageMap: Truncated message.");
    }
    const Cap cap = slot.cap;
    word vaddr = msg.arg(A::vaddr);
    const Cap root = msg.extra_cap(A::vspace)->cap;
    if (SysStatus s = check_map_root(root, "RISCVPageMap: Bad PageTable cap.", "RISCVPageMap: No PageTable for ASID",
                                     "RISCVPageMap: ASID lookup failed");
        !s) {
        return s;
    }
    unsigned bits = frame_size_bits(cap.frame_size());
    if (vaddr + mask(bits) >= user_map_top) return fail(SyscallError::invalid_argument(0));  // wraps as seL4's vtop
    if (!is_aligned(vaddr, bits)) return fail(SyscallError::of(ErrorCode::AlignmentError));
    PtSlot s = lookup_pt_slot(root.ptr(), vaddr);
    if (s.bits_left != bits) {
        return fail(SyscallError::failed_lookup(false, LookupFault::missing_capability(s.bits_left)));
    }
    if (cap.mapped_asid() != 0) {
        if (SysStatus r = check_remap(cap, root.mapped_asid(), vaddr, *s.pte); !r) return r;
    } else if (*s.pte & pte_v) {
        return user_fail(SyscallError::of(ErrorCode::DeleteFirst), "Virtual address (0x%lx) already mapped", vaddr);
    }
    VmRights rights = core::mask_vm_rights(cap.frame_rights(), core::Rights::from_word(msg.arg(A::rights)));
    bool executable = !(msg.arg(A::attr) & execute_never);
    slot.cap = cap.with_mapping(root.mapped_asid(), vaddr);
    *s.pte = user_pte(ptr_to_phys(cap.ptr()), executable, rights);
    sfence();
    return {};
}

SysStatus page_invocation(const core::Message& msg, core::Slot& slot) {
    switch (static_cast<L>(msg.label())) {
    case L::RISCVPageMap: return page_map(msg, slot);
    case L::RISCVPageUnmap:
        if (slot.cap.mapped_asid()) unmap_page(slot.cap);
        slot.cap = slot.cap.without_mapping();
        return {};
    case L::RISCVPageGetAddress: core::reply_one_word(msg, ptr_to_phys(slot.cap.ptr())); return {};
    default: return user_fail(SyscallError::of(ErrorCode::IllegalOperation), "RISCVPage: Illegal operation.");
    }
}

// --- PageTable --------------------------------------------------------------------------------

SysStatus table_unmap(core::Slot& slot) {
    const Cap cap = slot.cap;
    if (!core::is_final_capability(slot)) {
        return user_fail(SyscallError::of(ErrorCode::RevokeFirst),
                         "RISCVPageTableUnmap: cannot unmap if more than once cap exists");
    }
    if (cap.is_mapped() && find_vspace(cap.mapped_asid()) == cap.ptr()) {
        return user_fail(SyscallError::of(ErrorCode::RevokeFirst),
                         "RISCVPageTableUnmap: cannot call unmap on top level PageTable");
    }
    if (cap.is_mapped()) {
        unmap_page_table(cap.mapped_asid(), cap.mapped_address(), cap.ptr());
        leave_vspace(cap.ptr());  // a root whose ASID is gone is cleared too: never while loaded
        clear_memory(cap.ptr(), bit(table_bits));
    }
    slot.cap = cap.without_mapping();
    return {};
}

SysStatus table_map(const core::Message& msg, core::Slot& slot) {
    using A = core::args::RISCVPageTableMap;
    if (msg.length() < A::length || !msg.extra_cap(A::vspace)) {
        return user_fail(SyscallError::of(ErrorCode::TruncatedMessage), "RISCVPageTable: truncated message");
    }
    const Cap cap = slot.cap;
    if (cap.is_mapped()) {
        return user_fail(SyscallError::invalid_capability(0), "RISCVPageTable: PageTable is already mapped.");
    }
    word vaddr = msg.arg(A::vaddr);
    const Cap root = msg.extra_cap(A::vspace)->cap;
    if (!is_vspace_root_cap(root)) {
        return user_fail(SyscallError::invalid_capability(1), "RISCVPageTableMap: Invalid top-level PageTable.");
    }
    if (vaddr >= user_map_top) {
        return user_fail(SyscallError::invalid_argument(0),
                         "RISCVPageTableMap: Virtual address cannot be in kernel window.");
    }
    void* found = find_vspace(root.mapped_asid());
    if (!found) return user_fail(invalid_root_lookup_error(), "RISCVPageTableMap: ASID lookup failed");
    if (found != root.ptr()) return user_fail(SyscallError::invalid_capability(1), "RISCVPageTableMap: ASID lookup failed");
    PtSlot s = lookup_pt_slot(found, vaddr);
    if (s.bits_left == table_bits || (*s.pte & pte_v)) {
        return user_fail(SyscallError::of(ErrorCode::DeleteFirst), "RISCVPageTableMap: All objects mapped at this address");
    }
    slot.cap = cap.with_mapping(root.mapped_asid(), round_down(vaddr, s.bits_left));
    *s.pte = table_pte(ptr_to_phys(cap.ptr()));
    sfence();
    return {};
}

SysStatus table_invocation(const core::Message& msg, core::Slot& slot) {
    if (msg.label() == static_cast<word>(L::RISCVPageTableUnmap)) return table_unmap(slot);
    if (msg.label() != static_cast<word>(L::RISCVPageTableMap)) {
        return user_fail(SyscallError::of(ErrorCode::IllegalOperation), "RISCVPageTable: Illegal Operation");
    }
    return table_map(msg, slot);
}

// --- ASIDControl and ASIDPool -------------------------------------------------------------------

SysStatus make_pool(const core::Message& msg) {
    using A = core::args::RISCVASIDControlMakePool;
    if (msg.label() != static_cast<word>(L::RISCVASIDControlMakePool)) return illegal();
    if (msg.length() < A::length || !msg.extra_cap(A::untyped) || !msg.extra_cap(A::root)) return truncated();
    unsigned i = 0;
    while (i < asid_pools && asid_table[i]) i++;
    if (i == asid_pools) {
        return user_fail(SyscallError::of(ErrorCode::DeleteFirst), "ASIDControlMakePool: No unallocated pools found.");
    }
    core::Slot& parent = *msg.extra_cap(A::untyped);
    const Cap ut = parent.cap;
    if (ut.type() != CapType::Untyped || ut.untyped_size_bits() != table_bits || ut.untyped_is_device()) {
        return fail(SyscallError::invalid_capability(1));
    }
    if (SysStatus s = core::ensure_no_children(parent); !s) return s;
    auto dest = core::lookup_slot_for_cnode_op(false, msg.extra_cap(A::root)->cap, msg.arg(A::index), msg.arg(A::depth));
    if (!dest) return fail(dest.error());
    if (SysStatus s = core::ensure_empty_slot(*dest.value()); !s) return s;
    parent.cap.set_untyped_full();
    clear_memory(ut.ptr(), bit(table_bits));
    core::cte_insert(Cap::asid_pool(ut.ptr(), word{i} << asid_low_bits), parent, *dest.value());
    asid_table[i] = static_cast<AsidPool*>(ut.ptr());
    return {};
}

SysStatus assign(const core::Message& msg, core::Slot& slot) {
    using A = core::args::RISCVASIDPoolAssign;
    if (msg.label() != static_cast<word>(L::RISCVASIDPoolAssign)) return illegal();
    if (!msg.extra_cap(A::vspace)) return truncated();
    core::Slot& vslot = *msg.extra_cap(A::vspace);
    if (vslot.cap.type() != CapType::PageTable || vslot.cap.is_mapped()) {
        return user_fail(SyscallError::invalid_capability(1), "RISCVASIDPool: Invalid vspace root.");
    }
    word base = slot.cap.asid_base();
    AsidPool* pool = asid_table[(base >> asid_low_bits) & (asid_pools - 1)];
    if (!pool) return fail(invalid_root_lookup_error());
    if (pool != slot.cap.ptr()) return fail(SyscallError::invalid_capability(0));
    word i = 0;
    while (i < bit(asid_low_bits) && (base + i == 0 || pool->vspace[i])) i++;
    if (i == bit(asid_low_bits)) return fail(SyscallError::of(ErrorCode::DeleteFirst));
    vslot.cap = vslot.cap.with_mapping(base + i, 0);
    init_vspace_object(vslot.cap.ptr());  // seL4's copyGlobalMappings
    pool->vspace[i] = vslot.cap.ptr();
    return {};
}

}  // namespace

void set_initial_asid_pool(void* pool, void* root) {
    asid_table[0] = static_cast<AsidPool*>(pool);
    asid_table[0]->vspace[1] = root;
}

word thread_vspace_root(const Cap& vtable) {
    if (!is_valid_vtable_root(vtable) || find_vspace(vtable.mapped_asid()) != vtable.ptr()) return 0;
    return ptr_to_phys(vtable.ptr());
}

SysStatus decode_arch_invocation(const core::Message& msg, core::Slot& slot) {
    switch (slot.cap.type()) {
    case CapType::Frame: return page_invocation(msg, slot);
    case CapType::PageTable: return table_invocation(msg, slot);
    case CapType::AsidControl: return make_pool(msg);
    case CapType::AsidPool: return assign(msg, slot);
    default: return illegal();
    }
}

// seL4's Arch_finaliseCap: a frame cap's own mapping goes with it; the last cap of a page table
// unmaps it, or takes its ASID when it is a VSpace root; the last cap of a pool takes its ASIDs.
void finalise_arch_cap(const Cap& cap, bool final) {
    switch (cap.type()) {
    case CapType::Frame:
        if (cap.mapped_asid()) unmap_page(cap);
        return;
    case CapType::PageTable:
        if (!final || !cap.is_mapped()) return;
        if (find_vspace(cap.mapped_asid()) == cap.ptr()) {
            delete_asid(cap.mapped_asid(), cap.ptr());
        } else {
            unmap_page_table(cap.mapped_asid(), cap.mapped_address(), cap.ptr());
        }
        return;
    case CapType::AsidPool:
        if (final) delete_asid_pool(cap.asid_base(), cap.ptr());
        return;
    default: return;
    }
}

}  // namespace arch
