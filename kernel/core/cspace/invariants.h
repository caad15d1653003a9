// Checks of the derivation tree's well-formedness (architecture.md §8), for debug builds and tests.
#pragma once
#include "object/cap.h"

namespace core {

// Checks every slot in `slots[0, count)` and every slot linked from them: links agree in both
// directions, chains end, empty slots carry no links, and each untyped's descendants lie inside
// it and below its free index. Returns nullptr when all hold, else what failed. Each chain is
// followed for at most `max_chain_steps` links (the kernel's per-entry checks are bounded).
const char* check_cspace_invariants(const Slot* slots, word count, word max_chain_steps = ~word{0});

// A cap for which `matches(cap, context)` holds, searched for in every slot a cap can be found in
// from the root CNode `slots[0, count)`, the IRQ node and every TCB: CNodes at any depth and the
// derivation chains through any slot found (invariants.cc says how). Past 2,048 CNodes the
// search is incomplete and answers the root CNode's first slot rather than nullptr.
const Slot* find_reachable_cap(const Slot* slots, word count, bool (*matches)(const Cap&, const void*),
                               const void* context);

}  // namespace core
