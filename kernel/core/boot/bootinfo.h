// Filling in the root task's seL4_BootInfo frame.
#pragma once
#include <sel4/bootinfo_types.h>
#include "boot/root_task.h"

namespace boot {

constexpr word initial_node_id = 0;
constexpr word num_nodes = 1;

// Writes every field Keel can already vouch for; slot regions stay empty until the root CNode
// and its capabilities exist (Capabilities issue), and extraLen is 0 until extra chunks exist.
void populate_bootinfo(seL4_BootInfo& bi, const RootTaskLayout& layout);

}  // namespace boot
