// x86_64's cases of the derivation tree, Retype and the capDL dump (seL4's Arch_* functions).
#include "arch/caps.h"
#include "arch/mmu.h"
#include "object/frame.h"
#include "kernel/console.h"
#include "kernel/user_error.h"

namespace arch {

using core::Cap;
using core::CapType;
using core::FrameSize;
using core::ObjectType;
using core::VmRights;

namespace {

// seL4's wording for deriving each paging structure that is not mapped (or, a PML4, has no ASID).
const char* unmapped_derive_message(CapType t) {
    switch (t) {
    case CapType::PageTable: return "Deriving an unmapped PT cap";
    case CapType::PageDirectory: return "Deriving a PD cap without an assigned ASID";
    case CapType::Pdpt: return "Deriving an unmapped PTPD cap";
    default: return "Deriving a PML4 cap without an assigned ASID";
    }
}

}  // namespace

bool same_region_as(const Cap& a, const Cap& b) {
    switch (a.type()) {
    case CapType::Frame: return b.type() == CapType::Frame && core::frame_covers(a, b);
    case CapType::PageTable:
    case CapType::PageDirectory:
    case CapType::Pdpt:
    case CapType::Pml4:
    case CapType::AsidPool: return b.type() == a.type() && a.ptr() == b.ptr();
    case CapType::AsidControl: return b.type() == CapType::AsidControl;
    case CapType::IoPortControl: return b.type() == CapType::IoPortControl || b.type() == CapType::IoPort;
    case CapType::IoPort:
        return b.type() == CapType::IoPort && io_port_first(a) == io_port_first(b) && io_port_last(a) == io_port_last(b);
    default: return false;
    }
}

bool same_object_as(const Cap& a, const Cap& b) {
    if (a.type() == CapType::Frame && b.type() == CapType::Frame) return core::same_frame(a, b);
    if (a.type() == CapType::IoPortControl && b.type() == CapType::IoPort) return false;
    return same_region_as(a, b);
}

bool is_cap_revocable(const Cap& derived, const Cap& source) {
    return derived.type() == CapType::IoPort && source.type() == CapType::IoPortControl;
}

core::SysResult<Cap> derive_cap(const Cap& cap) {
    switch (cap.type()) {
    case CapType::PageTable:
    case CapType::PageDirectory:
    case CapType::Pdpt:
    case CapType::Pml4:
        if (cap.is_mapped()) return cap;
        return core::user_fail(core::SyscallError::of(core::ErrorCode::IllegalOperation), "%s",
                               unmapped_derive_message(cap.type()));
    case CapType::Frame: return cap.without_mapping();
    case CapType::IoPortControl: return Cap{};
    default: return cap;
    }
}

Cap mask_cap_rights(core::Rights r, const Cap& cap) {
    if (cap.type() != CapType::Frame) return cap;
    return cap.with_frame_rights(core::mask_vm_rights(cap.frame_rights(), r));
}

bool is_physical(const Cap& cap) {
    switch (cap.type()) {
    case CapType::Frame:
    case CapType::PageTable:
    case CapType::PageDirectory:
    case CapType::Pdpt:
    case CapType::Pml4:
    case CapType::AsidPool: return true;
    default: return false;
    }
}

unsigned cap_size_bits(const Cap& cap) {
    if (cap.type() == CapType::Frame) return frame_size_bits(cap.frame_size());
    return 12;  // page tables, directories, PDPTs, PML4s and ASID pools are one page
}

unsigned object_size_bits(ObjectType) { return 12; }  // every paging structure is one page

Cap create_object(ObjectType t, void* p) {
    switch (t) {
    case ObjectType::PageTable: return Cap::paging(CapType::PageTable, p);
    case ObjectType::PageDirectory: return Cap::paging(CapType::PageDirectory, p);
    case ObjectType::Pdpt: return Cap::paging(CapType::Pdpt, p);
    case ObjectType::Pml4:
        init_vspace_object(p);
        return Cap::paging(CapType::Pml4, p);
    default: return Cap{};
    }
}

bool print_capdl_cap(const Cap& c) {
    switch (c.type()) {
    case CapType::Pml4: core::kprintf("%p_pd\n", c.ptr()); return true;
    default: return false;
    }
}

}  // namespace arch
