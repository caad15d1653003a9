// What the architectures booted with a device tree (riscv64, aarch64) share: reading the blob the
// firmware hands over through the kernel window (each arch's arch/kernel_window.h), and printing
// its regions for the boot log.
#pragma once
#include "lib/fdt_facts.h"

namespace arch {

// The blob at physical `paddr`, as long as its header says (`size`), read into `facts`.
fdt::Error read_device_tree(word paddr, u32& size, fdt::Facts& facts);
// One line per region: "WHAT: [base, end) N KiB".
void print_regions(const char* what, const fdt::Region* regions, unsigned count);

}  // namespace arch
