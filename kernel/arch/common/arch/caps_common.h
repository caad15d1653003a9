// What every architecture's arch/caps.h declares alike: the Arch_* cases of what core does with
// caps, one definition per architecture in its src/caps.cc. Each arch/caps.h includes this and adds
// what only it has (the VTable rule, the root task's paging levels and slot 7, the capDL name).
#pragma once
#include "kernel/errors.h"
#include "object/cap.h"
#include "object/object_type.h"

namespace arch {

// The bits of each FrameSize: 4 KiB, 2 MiB and 1 GiB on every architecture Keel has (a 4 KiB
// granule and 512-entry tables on x86_64, Sv39 and AArch64 alike).
constexpr unsigned frame_size_bits(core::FrameSize s) { return 12 + 9 * static_cast<unsigned>(s); }

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

// --- the root task (boot/root_task.cc) -----------------------------------------------------------
// A paging structure the root task gets a cap for (the arch's boot_paging_levels, in seL4's order):
// its type, its level (arch::paging_structure) and the address bits one structure spans.
struct PagingLevel {
    core::CapType type;
    unsigned level;
    unsigned span_bits;
};

// --- the capDL dump (kernel/capdl.cc) ------------------------------------------------------------
// Prints an arch cap's capDL line (frames are core's); false for a cap it has no line for.
bool print_capdl_cap(const core::Cap& cap);

}  // namespace arch
