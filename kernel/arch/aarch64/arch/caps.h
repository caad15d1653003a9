// aarch64's cases of what core does with caps, seL4's Arch_* functions (src/arch/arm/64/object/
// objecttype.c): the frame, page-table, VSpace, ASID and SGI signal caps (arch/cap_tags.inc) in the
// derivation tree, and Retype of the Arm object types (arch/object_types.inc). The declarations
// every architecture shares are in arch/caps_common.h.
#pragma once
#include "arch/caps_common.h"

namespace arch {

// --- threads (object/tcb_invocation.cc) ----------------------------------------------------------
// isValidVTableRoot (isValidNativeRoot): a VSpace cap with an ASID.
inline bool is_valid_vtable_root(const core::Cap& c) { return c.type() == core::CapType::VSpace && c.is_mapped(); }

// --- the root task (boot/root_task.cc) -----------------------------------------------------------
constexpr core::CapType vspace_root_type = core::CapType::VSpace;
// The tables below the VSpace root, each spanning 512 GiB, 1 GiB and 2 MiB (seL4's
// create_it_address_space: its PUD, PD and PT caps, in that order).
inline constexpr PagingLevel boot_paging_levels[] = {
    {core::CapType::PageTable, 1, 39}, {core::CapType::PageTable, 2, 30}, {core::CapType::PageTable, 3, 21}};
// MCS: the SchedControl caps come after the extra BootInfo pages', before the image frames' (seL4's
// Arm try_init_kernel calls init_sched_control there, as RISC-V's does).
constexpr bool sched_control_before_paging = false;
// Slot 7 of the initial CSpace: null, Arm has no I/O port space.
inline core::Cap io_control_cap() { return core::Cap{}; }

// --- the capDL dump (kernel/capdl.cc) ------------------------------------------------------------
inline constexpr char capdl_arch_name[] = "aarch64";

}  // namespace arch
