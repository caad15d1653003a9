// The riscv64-only benchmarks: none yet. An interrupt delivered to a user-mode handler (the QEMU
// virt UART, PLIC source 10) needs the riscv64 IRQControl invocations.
#include "bench.h"

void bench::run_arch_benchmarks() {}
