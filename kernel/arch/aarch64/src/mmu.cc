// aarch64 paging-structure and ASID invocations, what deleting their caps undoes, and the switch of
// TTBR0_EL1 (seL4 16.0.0's src/arch/arm/64/kernel/vspace.c: decodeARMMMUInvocation, unmapPage,
// unmapPageTable, deleteASID, deleteASIDPool, setVMRoot).
#include "arch/mmu.h"
#include "arch/caps.h"
#include "arch/vspace.h"
#include "kernel/thread.h"
#include "kernel/user_error.h"
#include "mmu_internal.h"
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
using core::SysStatus;
using core::SyscallError;
using namespace mmu;

// seL4's unmapPage: the entry that maps the frame of `cap` where its cap says, if it still does.
void unmap_page(const Cap& cap) {
    void* root = find_vspace(cap.mapped_asid());
    if (!root) return;
    u64* pte = page_slot<Vmsa>(root, cap.mapped_address(), frame_size_bits(cap.frame_size()), ptr_to_phys(cap.ptr()));
    if (!pte) return;
    *pte = 0;
    clean_entry(pte);
    flush_tlb_page(cap.mapped_asid(), cap.mapped_address());
}

// seL4's unmapPageTable: the entry pointing to `table` on the way to `vaddr` in the address space
// of `asid`, if there is one.
void unmap_page_table(word asid, word vaddr, const void* table) {
    void* root = find_vspace(asid);
    if (!root) return;
    u64* entry = table_slot<Vmsa>(root, vaddr, table);
    if (!entry) return;
    *entry = 0;
    clean_entry(entry);
    flush_tlb_asid(asid);
}

// The current thread runs on what its VTable cap still names (seL4 calls setVMRoot after an ASID
// goes); without one it runs on the global user VSpace.
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
    if (pool_of(asid_base) != pool) return;
    for (word i = 0; i < bit(asid_low_bits); i++) {
        if (asid_entry(*pool_of(asid_base), i)) flush_tlb_asid(asid_base + i);
    }
    forget_asid_pool(asid_base, pool);
    reload_vm_root();
}

// TTBR0_EL1 names `root` with `asid` (written only when it does not already).
void load_ttbr0(word root, word asid) {
    if (read_ttbr0() != (root | asid << 48)) write_ttbr0(root, asid);
}

SysStatus illegal() { return core::fail(SyscallError::of(ErrorCode::IllegalOperation)); }

}  // namespace

void set_initial_asid_pool(void* pool, void* root) {
    asid_table[0] = static_cast<AsidPool*>(pool);
    asid_table[0]->vspace[1] = root;
}

word thread_vspace_root(const Cap& vtable) {
    if (!is_valid_vtable_root(vtable) || find_vspace(vtable.mapped_asid()) != vtable.ptr()) return 0;
    return ptr_to_phys(vtable.ptr());
}

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

// Stand-in until the Arm invocations land on the shared paging code: every Frame, PageTable,
// VSpace, ASIDControl and ASIDPool invocation is seL4's IllegalOperation.
SysStatus decode_arch_invocation(const core::Message&, core::Slot&) { return illegal(); }

// seL4's Arch_finaliseCap: a frame cap's own mapping goes with it; the last cap of a page table
// unmaps it, the last of a VSpace takes its ASID, the last of a pool takes its ASIDs.
void finalise_arch_cap(const Cap& cap, bool final) {
    switch (cap.type()) {
    case CapType::Frame:
        if (cap.mapped_asid()) unmap_page(cap);
        return;
    case CapType::PageTable:
        if (final && cap.is_mapped()) unmap_page_table(cap.mapped_asid(), cap.mapped_address(), cap.ptr());
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
