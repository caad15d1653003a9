// aarch64 paging-structure and ASID invocations, what deleting their caps undoes, and the switch of
// TTBR0_EL1 (seL4 16.0.0's src/arch/arm/64/kernel/vspace.c: decodeARMMMUInvocation, unmapPage,
// unmapPageTable, deleteASID, deleteASIDPool, setVMRoot, setVMRootForFlush).
#include "arch/mmu.h"
#include "arch/interrupts.h"
#include "arch/paging_invocations.h"
#include "kernel/thread.h"
#include "mmu_internal.h"
#include "object/frame.h"
#include "object/tcb.h"

namespace arch {

namespace mmu {
namespace {
alignas(4096) u64 global_user_root[vmsa::entries];  // seL4's armKSGlobalUserVSpace: no mappings
}
word global_user_vspace() { return image_to_phys(global_user_root); }
}  // namespace mmu

namespace {

using core::Cap;
using core::CapType;
using core::ErrorCode;
using core::fail;
using core::SysStatus;
using core::SyscallError;
using core::user_fail;
using core::VmRights;
using L = core::InvocationLabel;
using namespace mmu;

// seL4_ARM_VMAttributes.
constexpr word attr_cacheable = bit(0), attr_execute_never = bit(2);

SysStatus illegal() { return fail(SyscallError::of(ErrorCode::IllegalOperation)); }

// TTBR0_EL1 names `root` with `asid` (written only when it does not already).
void load_ttbr0(word root, word asid) {
    if (read_ttbr0() != (root | asid << 48)) write_ttbr0(root, asid);
}

// The current thread runs on what its VTable cap still names (seL4 calls setVMRoot after an ASID
// goes and after a flush through another address space).
void reload_vm_root() {
    if (core::Tcb* t = core::current_thread()) {
        activate_thread_vspace(*t);
    } else {
        deactivate_user_vspace();
    }
}

// seL4's deleteASID: `root` loses its ASID, whose translations go from the TLB.
void delete_asid(word asid, const void* root) {
    if (!forget_asid(asid, root)) return;
    flush_tlb_asid(asid);
    reload_vm_root();
}

// seL4's deleteASIDPool: every address space in the pool loses its ASID.
void delete_asid_pool(word asid_base, const void* pool) {
    AsidPool* gone = forget_asid_pool(asid_base, pool);
    if (!gone) return;
    for (word i = 0; i < bit(asid_low_bits); i++) {
        if (gone->vspace[i]) flush_tlb_asid(asid_base + i);
    }
    reload_vm_root();
}

// --- cache maintenance by address (doFlush) -----------------------------------------------------

// One maintenance instruction on each line of [start, end] (end inclusive).
using sysreg::LineOp;
using sysreg::on_line;

// Checked builds: maintenance of a user line the loaded TTBR0 does not map aborts at EL1 on
// hardware (QEMU makes it a no-op), so a checked kernel stops there as the hardware would.
void check_line_mapped(word line) {
    if (config::keel_checked_build && !sysreg::translates(line)) __builtin_trap();
}

void on_lines(LineOp op, word start, word end) {
    LineRange r = lines_of(start, end);
    for (word line = r.first;; line += cache_line_size) {
        check_line_mapped(line);
        on_line(op, line);
        if (line == r.last) return;
    }
}

// cleanCacheRange_RAM: to the point of coherency (QEMU virt has no outer cache to clean).
void clean_range(word start, word end) {
    on_lines(LineOp::Clean, start, end);
    dsb();
}

// invalidateCacheRange_RAM: partial lines at the ends are cleaned first, so no byte outside the
// range is lost.
void invalidate_range(word start, word end) {
    if (cleans_first_line(start)) clean_range(start, start);
    if (cleans_last_line(end)) clean_range(line_start(end), line_start(end));
    on_lines(LineOp::Invalidate, start, end);
    dsb();
}

void clean_invalidate_range(word start, word end) {
    on_lines(LineOp::Clean, start, end);
    dsb();
    on_lines(LineOp::CleanInvalidate, start, end);
    dsb();
}

// The data to the point of unification, then the instruction lines invalidated there.
void unify_instruction_range(word start, word end) {
    on_lines(LineOp::CleanPoU, start, end);
    dsb();
    on_lines(LineOp::InvalidateI, start, end);
    dsb();
    isb();
}

enum class Flush { Clean, Invalidate, CleanInvalidate, UnifyInstruction };

void do_flush(Flush f, word start, word end) {
    switch (f) {
    case Flush::Clean: clean_range(start, end); return;
    case Flush::Invalidate: invalidate_range(start, end); return;
    case Flush::CleanInvalidate: clean_invalidate_range(start, end); return;
    case Flush::UnifyInstruction: unify_instruction_range(start, end); return;
    }
}

// performPageFlush and performVSpaceFlush: the lines of [start, end] (end inclusive, so a one-byte
// range flushes nothing, as seL4's `start < end` test has it) through the address space `root`.
// seL4's setVMRootForFlush switches to it when the current thread's VTable cap names another, and
// setVMRoot loads that cap's root again after. TTBR0 may still hold an older root than the cap
// (TCB_SetSpace on the running thread takes effect at its next switch), where a line the cap's
// root maps but the loaded one does not would fault at EL1: Keel flushes through `root` whenever
// TTBR0 names another, and then puts back what was loaded.
void flush_through(Flush f, void* root, word asid, word start, word end) {
    if (start >= end) return;
    core::Tcb* t = core::current_thread();
    bool sel4_switches = !t || thread_vspace_root(t->slot(core::TcbSlot::VTable).cap) != ptr_to_phys(root);
    word loaded = read_ttbr0();
    bool switched = (loaded & mask(48)) != ptr_to_phys(root);
    if (switched) write_ttbr0(ptr_to_phys(root), asid);
    do_flush(f, start, end);
    if (sel4_switches) {
        reload_vm_root();
    } else if (switched) {
        write_ttbr0(loaded & mask(48), loaded >> 48);
    }
}

// --- Frame ------------------------------------------------------------------------------------

// Where a mapped frame may be mapped again: the same address space and address (seL4's remap);
// a frame not mapped must fit below USER_TOP.
SysStatus check_map_address(const Cap& cap, word asid, word vaddr) {
    if (cap.mapped_asid() != 0) {
        if (cap.mapped_asid() != asid) {
            return user_fail(SyscallError::invalid_capability(1),
                             "ARMPageMap: Attempting to remap a frame that does not belong to the passed address space");
        }
        if (cap.mapped_address() != vaddr) {
            return user_fail(SyscallError::invalid_argument(0), "ARMPageMap: Attempting to map frame into multiple addresses");
        }
    } else if (vaddr + mask(frame_size_bits(cap.frame_size())) > user_top) {
        return fail(SyscallError::invalid_argument(0));
    }
    return {};
}

// seL4's ARMPageMap: there is no DeleteFirst, a mapping there is replaced (its translation flushed).
SysStatus page_map(const core::Message& msg, core::Slot& slot) {
    using A = core::args::ARMPageMap;
    if (msg.length() < A::length || !msg.extra_cap(A::vspace)) return fail(SyscallError::of(ErrorCode::TruncatedMessage));
    const Cap cap = slot.cap;
    word vaddr = msg.arg(A::vaddr), attr = msg.arg(A::attr);
    const Cap root = msg.extra_cap(A::vspace)->cap;
    VmRights rights = core::mask_vm_rights(cap.frame_rights(), core::Rights::from_word(msg.arg(A::rights)));
    if (!is_vspace_root_cap<Vmsa>(root)) return fail(SyscallError::invalid_capability(1));
    if (SysStatus r = check_root_asid<Vmsa>(root, "PageMap"); !r) return r;
    unsigned bits = frame_size_bits(cap.frame_size());
    if (!is_aligned(vaddr, bits)) return fail(SyscallError::of(ErrorCode::AlignmentError));
    if (SysStatus s = check_map_address(cap, root.mapped_asid(), vaddr); !s) return s;
    PtSlot s = lookup_pt_slot<Vmsa>(root.ptr(), vaddr);
    if (s.bits_left != bits) {
        return fail(SyscallError::failed_lookup(false, core::LookupFault::missing_capability(s.bits_left)));
    }
    bool was_valid = vmsa::is_valid_pte(*s.pte);
    slot.cap = cap.with_mapping(root.mapped_asid(), vaddr);
    *s.pte = vmsa::user_page_pte({.paddr = ptr_to_phys(cap.ptr()),
                                  .ap = vmsa::ap_from_rights(rights),
                                  .execute_never = (attr & attr_execute_never) != 0,
                                  .cacheable = (attr & attr_cacheable) != 0,
                                  .small = cap.frame_size() == core::FrameSize::Small});
    Vmsa::entry_written(s.pte, root.mapped_asid(), vaddr, was_valid);
    return {};
}

Flush flush_of(L label) {
    switch (label) {
    case L::ARMPageClean_Data:
    case L::ARMVSpaceClean_Data: return Flush::Clean;
    case L::ARMPageInvalidate_Data:
    case L::ARMVSpaceInvalidate_Data: return Flush::Invalidate;
    case L::ARMPageCleanInvalidate_Data:
    case L::ARMVSpaceCleanInvalidate_Data: return Flush::CleanInvalidate;
    default: return Flush::UnifyInstruction;
    }
}

// DC IVAC needs write permission at EL1: Invalidate_Data only on a read-write mapping.
SysStatus check_invalidate_rights(Flush f, u64 pte) {
    if (f == Flush::Invalidate && vmsa::rights_from_ap(vmsa::pte_ap(pte)) != VmRights::ReadWrite) {
        return user_fail(SyscallError::of(ErrorCode::IllegalOperation),
                         "ARMPageInvalidate_Data: Cannot call on mapping without write rights.");
    }
    return {};
}

// The four ARMPage cache operations on [start, end) of the frame, through its mapping.
SysStatus page_flush(const core::Message& msg, const Cap& cap) {
    using A = core::args::ARMPageClean_Data;
    Flush f = flush_of(static_cast<L>(msg.label()));
    if (msg.length() < A::length) return user_fail(SyscallError::of(ErrorCode::TruncatedMessage), "Page Flush: Truncated message.");
    if (cap.mapped_asid() == 0) return user_fail(SyscallError::of(ErrorCode::IllegalOperation), "Page Flush: Frame is not mapped.");
    void* root = find_vspace(cap.mapped_asid());
    if (!root) return user_fail(invalid_root_lookup_error(), "Page Flush: No PGD for ASID");
    word start = msg.arg(A::start_offset), end = msg.arg(A::end_offset);
    if (end <= start) return user_fail(SyscallError::invalid_argument(1), "PageFlush: Invalid range");
    unsigned bits = frame_size_bits(cap.frame_size());
    if (start >= bit(bits) || end > bit(bits)) {
        return user_fail(SyscallError::invalid_argument(0), "Page Flush: Requested range not inside page");
    }
    word vaddr = cap.mapped_address();
    u64* pte = page_slot<Vmsa>(root, vaddr, bits, ptr_to_phys(cap.ptr()));
    if (!pte) {
        return user_fail(SyscallError::invalid_capability(0), "Page Flush: Attempting to use cap with stale mapping information.");
    }
    if (SysStatus s = check_invalidate_rights(f, *pte); !s) return s;
    flush_through(f, root, cap.mapped_asid(), vaddr + start, vaddr + end - 1);
    return {};
}

SysStatus page_invocation(const core::Message& msg, core::Slot& slot) {
    switch (static_cast<L>(msg.label())) {
    case L::ARMPageMap: return page_map(msg, slot);
    case L::ARMPageUnmap: return page_unmap<Vmsa>(slot);
    case L::ARMPageClean_Data:
    case L::ARMPageInvalidate_Data:
    case L::ARMPageCleanInvalidate_Data:
    case L::ARMPageUnify_Instruction: return page_flush(msg, slot.cap);
    case L::ARMPageGetAddress: core::reply_one_word(msg, ptr_to_phys(slot.cap.ptr())); return {};
    default: return illegal();
    }
}

// --- VSpace -------------------------------------------------------------------------------------

// The root of a VSpace cap the flush may use: mapped, and its ASID still naming it.
core::SysResult<void*> flush_root(const Cap& cap) {
    if (!is_vspace_root_cap<Vmsa>(cap)) return fail(SyscallError::invalid_capability(0));
    void* found = find_vspace(cap.mapped_asid());
    if (!found) return user_fail(invalid_root_lookup_error(), "VSpaceRoot Flush: No VSpace for ASID");
    if (found != cap.ptr()) return user_fail(SyscallError::invalid_capability(0), "VSpaceRoot Flush: Invalid VSpace Cap");
    return found;
}

// The four ARMVSpace cache operations on [start, end), inside the one page that maps start; an
// unmapped start is no error (nothing of it can be cached).
SysStatus vspace_flush(const core::Message& msg, const Cap& cap) {
    using A = core::args::ARMVSpaceClean_Data;
    Flush f = flush_of(static_cast<L>(msg.label()));
    if (msg.length() < A::length) return user_fail(SyscallError::of(ErrorCode::TruncatedMessage), "VSpaceRoot Flush: Truncated message.");
    word start = msg.arg(A::start), end = msg.arg(A::end);
    if (end <= start) return user_fail(SyscallError::invalid_argument(1), "VSpaceRoot Flush: Invalid range.");
    if (end > user_top) {
        return user_fail(SyscallError::of(ErrorCode::IllegalOperation), "VSpaceRoot Flush: Exceed the user addressable region.");
    }
    core::SysResult<void*> root = flush_root(cap);
    if (!root) return fail(root.error());
    PtSlot s = lookup_pt_slot<Vmsa>(root.value(), start);
    if (!vmsa::is_page_pte(*s.pte)) return {};
    if (round_down(start, s.bits_left) != round_down(end - 1, s.bits_left)) {
        word max = round_down(start, s.bits_left) + mask(s.bits_left);
        return user_fail(SyscallError::range(start, max), "VSpaceRoot Flush: cannot cross page boundary, valid range is [0x%lx..0x%lx)",
                         start, max);
    }
    if (SysStatus r = check_invalidate_rights(f, *s.pte); !r) return r;
    flush_through(f, root.value(), cap.mapped_asid(), start, end - 1);
    return {};
}

SysStatus vspace_invocation(const core::Message& msg, const Cap& cap) {
    switch (static_cast<L>(msg.label())) {
    case L::ARMVSpaceClean_Data:
    case L::ARMVSpaceInvalidate_Data:
    case L::ARMVSpaceCleanInvalidate_Data:
    case L::ARMVSpaceUnify_Instruction: return vspace_flush(msg, cap);
    default: return illegal();
    }
}

// --- PageTable ----------------------------------------------------------------------------------

// seL4's performPageTableInvocationUnmap: the table leaves its parent and is cleared (clearMemory_PT:
// zeroed and cleaned to the PoU for the walker).
SysStatus table_unmap(core::Slot& slot) {
    if (!core::is_final_capability(slot)) return fail(SyscallError::of(ErrorCode::RevokeFirst));
    const Cap cap = slot.cap;
    if (cap.is_mapped()) {
        unmap_page_table<Vmsa>(cap.mapped_asid(), cap.mapped_address(), cap.ptr());
        clear_memory(cap.ptr(), bit(table_bits));
        clean_to_pou(cap.ptr(), bit(table_bits));
    }
    slot.cap = cap.without_mapping();
    return {};
}

SysStatus table_invocation(const core::Message& msg, core::Slot& slot) {
    switch (static_cast<L>(msg.label())) {
    case L::ARMPageTableUnmap: return table_unmap(slot);
    case L::ARMPageTableMap: return table_map<Vmsa, core::args::ARMPageTableMap>(msg, slot);
    default: return illegal();
    }
}

}  // namespace

void set_initial_asid_pool(void* pool, void* root) { set_initial_pool(pool, root); }

word thread_vspace_root(const Cap& vtable) { return vspace_root_of<Vmsa>(vtable); }

void activate_thread_vspace(core::Tcb& t) {
    const Cap& vtable = t.slot(core::TcbSlot::VTable).cap;
    word root = thread_vspace_root(vtable);
    if (root) {
        load_ttbr0(root, vtable.mapped_asid());
    } else {
        deactivate_user_vspace();
    }
}

void deactivate_user_vspace() { load_ttbr0(global_user_vspace(), 0); }

SysStatus decode_arch_invocation(const core::Message& msg, core::Slot& slot) {
    switch (slot.cap.type()) {
    case CapType::Frame: return page_invocation(msg, slot);
    case CapType::PageTable: return table_invocation(msg, slot);
    case CapType::VSpace: return vspace_invocation(msg, slot.cap);
    case CapType::AsidControl: return mmu::make_pool<Vmsa, core::args::ARMASIDControlMakePool>(msg);
    case CapType::AsidPool: return mmu::assign<Vmsa, core::args::ARMASIDPoolAssign>(msg, slot);
    case CapType::SgiSignal: return invoke_sgi_signal(slot.cap);
    default: return illegal();
    }
}

// seL4's Arch_finaliseCap: a frame cap's own mapping goes with it; the last cap of a page table
// unmaps it, the last of a VSpace takes its ASID, the last of a pool takes its ASIDs.
void finalise_arch_cap(const Cap& cap, bool final) {
    switch (cap.type()) {
    case CapType::Frame:
        if (cap.mapped_asid()) unmap_page<Vmsa>(cap);
        return;
    case CapType::PageTable:
        if (final && cap.is_mapped()) unmap_page_table<Vmsa>(cap.mapped_asid(), cap.mapped_address(), cap.ptr());
        return;
    case CapType::VSpace:
        if (final && cap.is_mapped()) delete_asid(cap.mapped_asid(), cap.ptr());
        return;
    case CapType::AsidPool:
        if (final) delete_asid_pool(cap.asid_base(), cap.ptr());
        return;
    default: return;
    }
}

}  // namespace arch
