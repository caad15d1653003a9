// riscv64 (Sv39) paging-structure and ASID invocations, and what deleting their caps undoes
// (seL4 16.0.0's decodeRISCVMMUInvocation, unmapPage, unmapPageTable, deleteASID, deleteASIDPool).
#include "arch/mmu.h"
#include "arch/paging_invocations.h"
#include "mmu_internal.h"
#include "kernel/thread.h"
#include "object/tcb.h"
#include "object/frame.h"

namespace arch {
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
constexpr word execute_never = 1;    // seL4_RISCV_ExecuteNever in seL4_RISCV_VMAttributes

SysStatus illegal() { return fail(SyscallError::of(ErrorCode::IllegalOperation)); }

// seL4's sfence(): every cached translation goes (Keel runs every address space on ASID 0).
void sfence() { csr::sfence_vma(); }

// The kernel stops running on `root`, a table about to be cleared.
void leave_vspace(const void* root) {
    if ((csr::read_satp() & mask(44)) == ptr_to_phys(root) >> 12) activate_vspace(kernel_vspace_root());
}

// seL4's setVMRoot(ksCurThread), which ends deleteASID and deleteASIDPool: satp names at once the
// root the current thread's VTable cap names now, its ASID looked up afresh, or the kernel's when
// that ASID is gone. Nothing reloads it on the way back to user mode, so a thread whose own root
// lost its ASID (TCB_SetSpace on itself deleting the last cap to its old root, whose cap the
// VTable slot still holds then) faults at its next fetch, as on seL4. A root without an ASID is
// never left loaded, and only the loaded root can have cached translations: every address space
// runs on hardware ASID 0, every satp write is followed by a full sfence.vma, and there is one
// hart. Per-ASID satp values or more harts would need seL4's hwASIDFlush of the ASIDs that go.
void reload_vm_root() {
    core::Tcb* t = core::current_thread();
    word root = t ? t->vspace_root() : 0;
    load_vspace(root ? root : kernel_vspace_root());
}

// seL4's makeUserPTE: readable unless kernel-only, writable if read-write, executable unless
// ExecuteNever; no right at all is no entry. Accessed and dirty are set (no A/D faults).
u64 user_pte(word paddr, bool executable, VmRights rights) {
    bool read = rights != VmRights::KernelOnly, write = rights == VmRights::ReadWrite;
    if (!read && !write && !executable) return 0;
    return leaf_pte(paddr, pte_u | (executable ? pte_x : 0) | (write ? pte_w : 0) | (read ? pte_r : 0));
}

// seL4's deleteASID: `root` loses its ASID.
void delete_asid(word asid, const void* root) {
    if (forget_asid(asid, root)) reload_vm_root();
}

// seL4's deleteASIDPool: every address space in the pool loses its ASID.
void delete_asid_pool(word asid_base, const void* pool) {
    if (forget_asid_pool(asid_base, pool)) reload_vm_root();
}

// --- Frame ------------------------------------------------------------------------------------

// The checks of the address space a Map names (seL4's order): a mapped PageTable cap whose ASID
// still names it.
SysStatus check_map_root(const Cap& root) {
    if (!is_vspace_root_cap<Sv39>(root)) return user_fail(SyscallError::invalid_capability(1), "RISCVPageMap: Bad PageTable cap.");
    return check_root_asid<Sv39>(root, "PageMap");
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
    if (Sv39::is_table_pte(pte)) return user_fail(SyscallError::of(ErrorCode::DeleteFirst), "RISCVPageMap: no mapping to remap.");
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
    if (SysStatus s = check_map_root(root); !s) return s;
    unsigned bits = frame_size_bits(cap.frame_size());
    if (vaddr + mask(bits) >= user_map_top) return fail(SyscallError::invalid_argument(0));  // wraps as seL4's vtop
    if (!is_aligned(vaddr, bits)) return fail(SyscallError::of(ErrorCode::AlignmentError));
    PtSlot s = lookup_pt_slot<Sv39>(root.ptr(), vaddr);
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
    case L::RISCVPageUnmap: return page_unmap<Sv39>(slot);
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
        unmap_page_table<Sv39>(cap.mapped_asid(), cap.mapped_address(), cap.ptr());
        leave_vspace(cap.ptr());  // a root whose ASID is gone is cleared too: never while loaded
        clear_memory(cap.ptr(), bit(table_bits));
    }
    slot.cap = cap.without_mapping();
    return {};
}

SysStatus table_invocation(const core::Message& msg, core::Slot& slot) {
    if (msg.label() == static_cast<word>(L::RISCVPageTableUnmap)) return table_unmap(slot);
    if (msg.label() != static_cast<word>(L::RISCVPageTableMap)) {
        return user_fail(SyscallError::of(ErrorCode::IllegalOperation), "RISCVPageTable: Illegal Operation");
    }
    return table_map<Sv39, core::args::RISCVPageTableMap>(msg, slot);
}

}  // namespace

void set_initial_asid_pool(void* pool, void* root) { set_initial_pool(pool, root); }

word thread_vspace_root(const Cap& vtable) { return vspace_root_of<Sv39>(vtable); }

SysStatus decode_arch_invocation(const core::Message& msg, core::Slot& slot) {
    switch (slot.cap.type()) {
    case CapType::Frame: return page_invocation(msg, slot);
    case CapType::PageTable: return table_invocation(msg, slot);
    case CapType::AsidControl: return mmu::make_pool<Sv39, core::args::RISCVASIDControlMakePool>(msg);
    case CapType::AsidPool: return mmu::assign<Sv39, core::args::RISCVASIDPoolAssign>(msg, slot);
    default: return illegal();
    }
}

// seL4's Arch_finaliseCap: a frame cap's own mapping goes with it; the last cap of a page table
// unmaps it, or takes its ASID when it is a VSpace root; the last cap of a pool takes its ASIDs.
void finalise_arch_cap(const Cap& cap, bool final) {
    switch (cap.type()) {
    case CapType::Frame:
        if (cap.mapped_asid()) unmap_page<Sv39>(cap);
        return;
    case CapType::PageTable:
        if (!final || !cap.is_mapped()) return;
        if (find_vspace(cap.mapped_asid()) == cap.ptr()) {
            delete_asid(cap.mapped_asid(), cap.ptr());
        } else {
            unmap_page_table<Sv39>(cap.mapped_asid(), cap.mapped_address(), cap.ptr());
        }
        return;
    case CapType::AsidPool:
        if (final) delete_asid_pool(cap.asid_base(), cap.ptr());
        return;
    default: return;
    }
}

}  // namespace arch
