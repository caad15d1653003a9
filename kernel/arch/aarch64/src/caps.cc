// aarch64's cases of the derivation tree, Retype and the capDL dump (seL4's Arch_* functions,
// src/arch/arm/64/object/objecttype.c).
#include "arch/caps.h"
#include "arch/kernel_window.h"
#include "kernel/console.h"
#include "kernel/user_error.h"
#include "mmu_internal.h"
#include "object/frame.h"

namespace arch {

using core::Cap;
using core::CapType;
using core::ObjectType;

namespace {

constexpr unsigned table_bits = 12;  // seL4_PageTableBits, seL4_VSpaceBits, seL4_ASIDPoolBits

core::SysResult<Cap> derive_table(const Cap& cap, const char* why) {
    if (cap.is_mapped()) return cap;
    return core::user_fail(core::SyscallError::of(core::ErrorCode::IllegalOperation), "%s", why);
}

}  // namespace

bool same_region_as(const Cap& a, const Cap& b) {
    switch (a.type()) {
    case CapType::Frame: return b.type() == CapType::Frame && core::frame_covers(a, b);
    case CapType::PageTable:
    case CapType::VSpace:
    case CapType::AsidPool: return b.type() == a.type() && a.ptr() == b.ptr();
    case CapType::AsidControl: return b.type() == CapType::AsidControl;
    // An SGI signal cap holds its interrupt and target alone: the same pair is the same region.
    case CapType::SgiSignal: return b == a;
    default: return false;
    }
}

bool same_object_as(const Cap& a, const Cap& b) {
    if (a.type() == CapType::Frame && b.type() == CapType::Frame) return core::same_frame(a, b);
    if (a.type() == CapType::SgiSignal) return false;
    return same_region_as(a, b);
}

bool is_cap_revocable(const Cap&, const Cap&) { return false; }

core::SysResult<Cap> derive_cap(const Cap& cap) {
    switch (cap.type()) {
    case CapType::VSpace: return derive_table(cap, "Deriving a VSpace cap without an assigned ASID");
    case CapType::PageTable: return derive_table(cap, "Deriving a PT cap without an assigned ASID");
    case CapType::Frame: return cap.without_mapping();
    default: return cap;
    }
}

Cap mask_cap_rights(core::Rights r, const Cap& cap) {
    if (cap.type() != CapType::Frame) return cap;
    return cap.with_frame_rights(core::mask_vm_rights(cap.frame_rights(), r));
}

bool is_physical(const Cap& cap) { return cap.type() != CapType::AsidControl && cap.type() != CapType::SgiSignal; }

unsigned cap_size_bits(const Cap& cap) {
    switch (cap.type()) {
    case CapType::Frame: return frame_size_bits(cap.frame_size());
    case CapType::AsidControl:
    case CapType::SgiSignal: return 0;
    default: return table_bits;  // page tables, VSpaces and ASID pools are one page
    }
}

unsigned object_size_bits(ObjectType) { return table_bits; }  // a page table or a VSpace

// A new table is cleaned to the point of unification (seL4's Arch_createObject), so a walker that
// does not snoop the data cache sees its zeroes.
Cap create_object(ObjectType t, void* p) {
    CapType type = t == ObjectType::VSpace ? CapType::VSpace : CapType::PageTable;
    if (t != ObjectType::VSpace && t != ObjectType::PageTable) return Cap{};
    mmu::clean_to_pou(p, bit(table_bits));
    return Cap::paging(type, p);
}

bool print_capdl_cap(const Cap& c) {
    switch (c.type()) {
    case CapType::PageTable: core::kprintf("%p_pt\n", c.ptr()); return true;
    case CapType::VSpace: core::kprintf("%p_pd\n", c.ptr()); return true;
    default: return false;
    }
}

}  // namespace arch
