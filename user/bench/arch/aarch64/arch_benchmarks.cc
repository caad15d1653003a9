// The aarch64-only benchmarks: none yet.
#include "bench.h"

void bench::run_arch_benchmarks() {}
