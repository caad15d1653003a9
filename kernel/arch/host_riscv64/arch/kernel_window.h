// Physical memory for host builds of the riscv64 code: a buffer the test provides stands at
// physical address 0, the PLIC's registers and the kernel's own root table outside it
// (src/machine.cc), in place of riscv64's kernel window.
#pragma once
#include "lib/types.h"

namespace arch {

void* phys_to_ptr(word paddr);
word ptr_to_phys(const void* p);
void* device_pptr(word paddr);  // as phys_to_ptr, for memory outside the simulated RAM too
// [paddr, paddr + size) is simulated RAM.
bool in_window(word paddr, word size);
// The physical address of the kernel's own root table (riscv64: of anything in its image).
word image_to_phys(const void* p);

}  // namespace arch
