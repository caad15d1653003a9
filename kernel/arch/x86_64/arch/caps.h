// x86_64's cases of what core does with caps, seL4's Arch_* functions: the frame, paging-structure,
// ASID and I/O port caps (arch/cap_tags.inc) in the derivation tree, and Retype of the x86_64
// object types (arch/object_types.inc). The declarations every architecture shares are in
// arch/caps_common.h.
#pragma once
#include "arch/caps_common.h"

namespace arch {

// An I/O port cap for the ports [first, last], and its range.
constexpr core::Cap io_port_cap(u16 first, u16 last) {
    return core::Cap::arch(core::CapType::IoPort, 0, (word{last} << 16) | first);
}
inline u16 io_port_first(const core::Cap& c) { return static_cast<u16>(c.raw1()); }
inline u16 io_port_last(const core::Cap& c) { return static_cast<u16>(c.raw1() >> 16); }

// --- threads (object/tcb_invocation.cc) ----------------------------------------------------------
// isValidVTableRoot: a PML4 cap with an ASID.
inline bool is_valid_vtable_root(const core::Cap& c) { return c.type() == core::CapType::Pml4 && c.is_mapped(); }

// --- the root task (boot/root_task.cc) -----------------------------------------------------------
// The cap type of its VSpace root.
constexpr core::CapType vspace_root_type = core::CapType::Pml4;
// The PDPT, page directory and page table, each spanning 512 GiB, 1 GiB and 2 MiB.
inline constexpr PagingLevel boot_paging_levels[] = {
    {core::CapType::Pdpt, 1, 39}, {core::CapType::PageDirectory, 2, 30}, {core::CapType::PageTable, 3, 21}};
// MCS: the SchedControl caps come before the paging structures' (seL4's x86 try_boot_sys calls
// init_sched_control before create_it_address_space).
constexpr bool sched_control_before_paging = true;
// Slot 7 of the initial CSpace (seL4_CapIOPortControl): x86's I/O port control cap.
inline core::Cap io_control_cap() { return core::Cap::of_type(core::CapType::IoPortControl); }

// --- the capDL dump (kernel/capdl.cc) ------------------------------------------------------------
inline constexpr char capdl_arch_name[] = "x86_64";

}  // namespace arch
