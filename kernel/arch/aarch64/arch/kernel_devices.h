// The kernel's device registers: 4 KiB pages at KDEV_BASE (seL4's kernel device window), mapped as
// Device-nGnRnE memory from the last-level table src/boot.S reserves for them.
#pragma once
#include "lib/types.h"

namespace arch {

// Maps the `pages` pages from physical `paddr` (page-aligned) and returns their kernel address,
// or nullptr when the window's 512 pages are used up.
volatile u32* map_kernel_device(word paddr, unsigned pages);

}  // namespace arch
