// x86_64's cases of the derivation tree, Retype and the capDL dump (seL4's Arch_* functions).
#include "arch/caps.h"
#include "arch/mmu.h"
#include "kernel/console.h"
#include "kernel/user_error.h"

namespace arch {

using core::Cap;
using core::CapType;
using core::FrameSize;
using core::ObjectType;
using core::VmRights;

namespace {

bool frame_covers(const Cap& a, const Cap& b) {
    word a_base = reinterpret_cast<word>(a.ptr());
    word b_base = reinterpret_cast<word>(b.ptr());
    word a_top = a_base + mask(frame_size_bits(a.frame_size()));
    word b_top = b_base + mask(frame_size_bits(b.frame_size()));
    return a_base <= b_base && a_top >= b_top && b_base <= b_top;
}

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

VmRights mask_vm_rights(VmRights vm, core::Rights r) {
    if (vm == VmRights::ReadOnly && r.read) return VmRights::ReadOnly;
    if (vm == VmRights::ReadWrite && r.read) return r.write ? VmRights::ReadWrite : VmRights::ReadOnly;
    if (vm == VmRights::ReadWrite && r.write) core::user_error("Attempted to make unsupported write only mapping");
    return VmRights::KernelOnly;
}

bool same_region_as(const Cap& a, const Cap& b) {
    switch (a.type()) {
    case CapType::Frame: return b.type() == CapType::Frame && frame_covers(a, b);
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
    if (a.type() == CapType::Frame && b.type() == CapType::Frame) {
        return a.ptr() == b.ptr() && a.frame_size() == b.frame_size() && a.frame_is_device() == b.frame_is_device();
    }
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
    return cap.with_frame_rights(mask_vm_rights(cap.frame_rights(), r));
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

unsigned object_size_bits(ObjectType t) {
    switch (t) {
    case ObjectType::HugePage: return frame_size_bits(FrameSize::Huge);
    case ObjectType::LargePage: return frame_size_bits(FrameSize::Large);
    default: return 12;  // small pages and every paging structure
    }
}

bool is_frame_type(ObjectType t) {
    return t == ObjectType::SmallPage || t == ObjectType::LargePage || t == ObjectType::HugePage;
}

Cap create_object(ObjectType t, void* p, bool device) {
    switch (t) {
    case ObjectType::SmallPage: return Cap::frame(p, FrameSize::Small, VmRights::ReadWrite, device);
    case ObjectType::LargePage: return Cap::frame(p, FrameSize::Large, VmRights::ReadWrite, device);
    case ObjectType::HugePage: return Cap::frame(p, FrameSize::Huge, VmRights::ReadWrite, device);
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
    case CapType::Frame: core::kprintf("%p_frame\n", c.ptr()); return true;
    case CapType::Pml4: core::kprintf("%p_pd\n", c.ptr()); return true;
    default: return false;
    }
}

}  // namespace arch
