// riscv64's cases of the derivation tree, Retype and the capDL dump (seL4's Arch_* functions).
#include "arch/caps.h"
#include "arch/vspace.h"
#include "kernel/console.h"
#include "kernel/user_error.h"
#include "object/frame.h"

namespace arch {

using core::Cap;
using core::CapType;
using core::FrameSize;
using core::ObjectType;
using core::VmRights;

bool same_region_as(const Cap& a, const Cap& b) {
    switch (a.type()) {
    case CapType::Frame: return b.type() == CapType::Frame && core::frame_covers(a, b);
    case CapType::PageTable:
    case CapType::AsidPool: return b.type() == a.type() && a.ptr() == b.ptr();
    case CapType::AsidControl: return b.type() == CapType::AsidControl;
    default: return false;
    }
}

bool same_object_as(const Cap& a, const Cap& b) {
    if (a.type() == CapType::Frame && b.type() == CapType::Frame) return core::same_frame(a, b);
    return same_region_as(a, b);
}

bool is_cap_revocable(const Cap&, const Cap&) { return false; }

core::SysResult<Cap> derive_cap(const Cap& cap) {
    switch (cap.type()) {
    case CapType::PageTable:
        if (cap.is_mapped()) return cap;
        return core::user_fail(core::SyscallError::of(core::ErrorCode::IllegalOperation), "Deriving an unmapped PT cap");
    case CapType::Frame: return cap.without_mapping();
    default: return cap;
    }
}

Cap mask_cap_rights(core::Rights r, const Cap& cap) {
    if (cap.type() != CapType::Frame) return cap;
    return cap.with_frame_rights(core::mask_vm_rights(cap.frame_rights(), r));
}

bool is_physical(const Cap& cap) { return cap.type() != CapType::AsidControl; }

unsigned cap_size_bits(const Cap& cap) {
    switch (cap.type()) {
    case CapType::Frame: return frame_size_bits(cap.frame_size());
    case CapType::AsidControl: return 0;
    default: return 12;  // page tables and ASID pools are one page
    }
}

unsigned object_size_bits(ObjectType) { return 12; }  // every paging structure is one page

Cap create_object(ObjectType t, void* p) {
    switch (t) {
    case ObjectType::PageTable: return Cap::paging(CapType::PageTable, p);
    default: return Cap{};
    }
}

bool print_capdl_cap(const Cap& c) {
    switch (c.type()) {
    case CapType::PageTable: core::kprintf("%p_pt\n", c.ptr()); return true;
    default: return false;
    }
}

}  // namespace arch
