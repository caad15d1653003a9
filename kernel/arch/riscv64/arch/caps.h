// riscv64's cases of what core does with caps, seL4's Arch_* functions: the frame, page-table and
// ASID caps (arch/cap_tags.inc) in the derivation tree, and Retype of the RISC-V object types
// (arch/object_types.inc).
#pragma once
#include "kernel/errors.h"
#include "object/cap.h"
#include "object/object_type.h"

namespace arch {

// The bits of each FrameSize: 4 KiB pages, 2 MiB megapages, 1 GiB gigapages.
constexpr unsigned frame_size_bits(core::FrameSize s) { return 12 + 9 * static_cast<unsigned>(s); }

// --- the derivation tree (cspace/cte.cc), for arch caps -----------------------------------------
bool same_region_as(const core::Cap& a, const core::Cap& b);
bool same_object_as(const core::Cap& a, const core::Cap& b);
bool is_cap_revocable(const core::Cap& derived, const core::Cap& source);
core::SysResult<core::Cap> derive_cap(const core::Cap& cap);
core::Cap mask_cap_rights(core::Rights r, const core::Cap& cap);
core::VmRights mask_vm_rights(core::VmRights vm, core::Rights r);
bool is_physical(const core::Cap& cap);
unsigned cap_size_bits(const core::Cap& cap);

// --- Retype (object/untyped.cc), of an arch object type ------------------------------------------
unsigned object_size_bits(core::ObjectType t);
core::Cap create_object(core::ObjectType t, void* p);

// --- threads (object/tcb_invocation.cc) ----------------------------------------------------------
// isValidVTableRoot: a page-table cap with an ASID (seL4 marks a VSpace root mapped at address 0).
inline bool is_valid_vtable_root(const core::Cap& c) { return c.type() == core::CapType::PageTable && c.is_mapped(); }

// --- the root task (boot/root_task.cc) -----------------------------------------------------------
constexpr core::CapType vspace_root_type = core::CapType::PageTable;
struct PagingLevel {
    core::CapType type;
    unsigned level;
    unsigned span_bits;
};
// The second- and last-level tables, each spanning 1 GiB and 2 MiB (seL4's RISC-V order).
inline constexpr PagingLevel boot_paging_levels[] = {{core::CapType::PageTable, 1, 30}, {core::CapType::PageTable, 2, 21}};
// MCS: the SchedControl caps come after the extra BootInfo pages', before the image frames' (seL4's
// RISC-V try_init_kernel calls init_sched_control there).
constexpr bool sched_control_before_paging = false;
// Slot 7 of the initial CSpace: null, RISC-V has no I/O port space.
inline core::Cap io_control_cap() { return core::Cap{}; }

// --- the capDL dump (kernel/capdl.cc) ------------------------------------------------------------
inline constexpr char capdl_arch_name[] = "riscv";
bool print_capdl_cap(const core::Cap& cap);

}  // namespace arch
