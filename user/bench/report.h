// The result lines ./keel bench collects (tools/bench_report.py), shared by the benchmark root
// tasks (keel_bench, keel_latency).
#pragma once

#include <sel4/sel4.h>

namespace bench {

// Prints one result line: costs[skip..skip+n) are the runs (sorted in place), the size is a
// message length in words, a number of pages or of interrupts, named by size_name.
void report_runs(const char* name, const char* size_name, seL4_Word size, seL4_Word* costs, int skip, int n);

}  // namespace bench
