// x86_64's cases of what core does with caps, seL4's Arch_* functions: the frame, paging-structure,
// ASID and I/O port caps (arch/cap_tags.inc) in the derivation tree, and Retype of the x86_64
// object types (arch/object_types.inc).
#pragma once
#include "kernel/errors.h"
#include "object/cap.h"
#include "object/object_type.h"

namespace arch {

// The bits of each FrameSize: 4 KiB, 2 MiB, 1 GiB.
constexpr unsigned frame_size_bits(core::FrameSize s) { return 12 + 9 * static_cast<unsigned>(s); }

// An I/O port cap for the ports [first, last], and its range.
constexpr core::Cap io_port_cap(u16 first, u16 last) {
    return core::Cap::arch(core::CapType::IoPort, 0, (word{last} << 16) | first);
}
inline u16 io_port_first(const core::Cap& c) { return static_cast<u16>(c.raw1()); }
inline u16 io_port_last(const core::Cap& c) { return static_cast<u16>(c.raw1() >> 16); }

// --- the derivation tree (cspace/cte.cc), for arch caps -----------------------------------------
// Arch_sameRegionAs and Arch_sameObjectAs, both caps arch caps.
bool same_region_as(const core::Cap& a, const core::Cap& b);
bool same_object_as(const core::Cap& a, const core::Cap& b);
// Arch_isCapRevocable: is `derived`, made from `source`, a revocable child of it.
bool is_cap_revocable(const core::Cap& derived, const core::Cap& source);
// Arch_deriveCap: the cap Copy, Mint and Mutate insert (null: not copied), or why none may be.
core::SysResult<core::Cap> derive_cap(const core::Cap& cap);
// Arch_maskCapRights: Mint's rights applied to an arch cap.
core::Cap mask_cap_rights(core::Rights r, const core::Cap& cap);
// Whether the cap names memory (cap_get_capIsPhysical), and how much (cap_get_capSizeBits).
bool is_physical(const core::Cap& cap);
unsigned cap_size_bits(const core::Cap& cap);

// --- Retype (object/untyped.cc), of an arch object type ------------------------------------------
unsigned object_size_bits(core::ObjectType t);
// Arch_createObject for the arch's paging structures (frames are core's): the object at `p`, set
// up, and its cap.
core::Cap create_object(core::ObjectType t, void* p);

// --- threads (object/tcb_invocation.cc) ----------------------------------------------------------
// isValidVTableRoot: a PML4 cap with an ASID.
inline bool is_valid_vtable_root(const core::Cap& c) { return c.type() == core::CapType::Pml4 && c.is_mapped(); }

// --- the root task (boot/root_task.cc) -----------------------------------------------------------
// The cap type of its VSpace root.
constexpr core::CapType vspace_root_type = core::CapType::Pml4;
// The paging structures the root task gets caps for, in seL4's order: each type with its level
// (arch::paging_structure) and the address bits one structure spans.
struct PagingLevel {
    core::CapType type;
    unsigned level;
    unsigned span_bits;
};
inline constexpr PagingLevel boot_paging_levels[] = {
    {core::CapType::Pdpt, 1, 39}, {core::CapType::PageDirectory, 2, 30}, {core::CapType::PageTable, 3, 21}};
// MCS: the SchedControl caps come before the paging structures' (seL4's x86 try_boot_sys calls
// init_sched_control before create_it_address_space).
constexpr bool sched_control_before_paging = true;
// Slot 7 of the initial CSpace (seL4_CapIOPortControl): x86's I/O port control cap.
inline core::Cap io_control_cap() { return core::Cap::of_type(core::CapType::IoPortControl); }

// --- the capDL dump (kernel/capdl.cc) ------------------------------------------------------------
inline constexpr char capdl_arch_name[] = "x86_64";
// Prints an arch cap's capDL line (frames are core's); false for a cap it has no line for.
bool print_capdl_cap(const core::Cap& cap);

}  // namespace arch
