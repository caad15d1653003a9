// riscv64's cases of what core does with caps, seL4's Arch_* functions: the frame, page-table and
// ASID caps (arch/cap_tags.inc) in the derivation tree, and Retype of the RISC-V object types
// (arch/object_types.inc). The declarations every architecture shares are in arch/caps_common.h.
#pragma once
#include "arch/caps_common.h"

namespace arch {

// --- threads (object/tcb_invocation.cc) ----------------------------------------------------------
// isValidVTableRoot: a page-table cap with an ASID (seL4 marks a VSpace root mapped at address 0).
inline bool is_valid_vtable_root(const core::Cap& c) { return c.type() == core::CapType::PageTable && c.is_mapped(); }

// --- the root task (boot/root_task.cc) -----------------------------------------------------------
constexpr core::CapType vspace_root_type = core::CapType::PageTable;
// The second- and last-level tables, each spanning 1 GiB and 2 MiB (seL4's RISC-V order).
inline constexpr PagingLevel boot_paging_levels[] = {{core::CapType::PageTable, 1, 30}, {core::CapType::PageTable, 2, 21}};
// MCS: the SchedControl caps come after the extra BootInfo pages', before the image frames' (seL4's
// RISC-V try_init_kernel calls init_sched_control there).
constexpr bool sched_control_before_paging = false;
// Slot 7 of the initial CSpace: null, RISC-V has no I/O port space.
inline core::Cap io_control_cap() { return core::Cap{}; }

// --- the capDL dump (kernel/capdl.cc) ------------------------------------------------------------
inline constexpr char capdl_arch_name[] = "riscv";

}  // namespace arch
