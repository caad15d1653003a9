// What the root task's benchmarks share with the architecture's own (arch/<arch>/arch_benchmarks.cc).
#pragma once

#include "ipc.h"

namespace bench {

constexpr seL4_Word client_priority = 100;

// Prints one result line: costs[warmup..samples) are the runs, `words` the message length.
void report(const char* name, seL4_Word words, seL4_Word* costs);

// Starts the helper thread at `priority` on entry(), suspending the previous one.
void start_helper(void (*entry)(), seL4_Word priority, seL4_CPtr fault_ep = 0);

}  // namespace bench
