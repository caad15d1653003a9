// Checks of the derivation tree's well-formedness (architecture.md §8), for debug builds and tests.
#pragma once
#include "object/cap.h"

namespace core {

// Checks every slot in `slots[0, count)` and every slot linked from them: links agree in both
// directions, chains end, empty slots carry no links, and each untyped's descendants lie inside
// it and below its free index. Returns nullptr when all hold, else what failed. Each chain is
// followed for at most `max_chain_steps` links (the kernel's per-entry checks are bounded).
const char* check_cspace_invariants(const Slot* slots, word count, word max_chain_steps = ~word{0});

using CapFilter = bool (*)(const Cap&);
using CapMatcher = bool (*)(const Cap&, const void*);

// The cap search of the checked kernel's mapping and ASID checks: one walk of every slot a cap
// can sit in, from the root CNode `slots[0, count)`, the IRQ node and every TCB, through CNodes
// and Zombies at any depth and the derivation chains through any slot found (each node scanned
// once), gathers the caps `wanted` picks, sorted by object. Past 2,048 CNodes and TCBs the walk
// is incomplete, and find_indexed_cap answers the root CNode's first slot rather than nullptr.
void index_reachable_caps(const Slot* slots, word count, CapFilter wanted);

// Of the caps the last index_reachable_caps gathered, the first that names `object` (its
// ptr(), a CNode's slots) and for which `matches(cap, context)` holds, else nullptr. A lookup
// costs a binary search (past 8,192 caps gathered, a walk of every slot again).
const Slot* find_indexed_cap(const void* object, CapMatcher matches, const void* context);

}  // namespace core
