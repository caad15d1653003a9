// The root task's seL4_BootInfo frame and the untyped caps it lists.
#pragma once
#include <sel4/bootinfo_types.h>
#include "boot/memory.h"
#include "boot/root_cnode.h"
#include "boot/root_task.h"

namespace boot {

constexpr word initial_node_id = 0;
constexpr word num_nodes = 1;

struct BootInfoRegions {
    seL4_SlotRegion empty, user_image_frames, user_image_paging, extra_bi_pages, untyped;
};

// Turns every free range left in `mem` into untyped caps (largest aligned power-of-two blocks,
// as seL4 cuts them) in the next slots of `cn`, listing each in `bi.untypedList`.
seL4_SlotRegion provide_untyped_caps(RootCNode& cn, BootMemory& mem, seL4_BootInfo& bi);

// Fills in BootInfo.
void populate_bootinfo(seL4_BootInfo& bi, const RootTaskLayout& layout, const BootInfoRegions& regions);

}  // namespace boot
