// Physical memory for host builds of the riscv64 and aarch64 code: a buffer the test provides
// stands at physical address 0, the devices and the kernel image's own tables outside it (each
// machine's src/machine.cc), in place of the architecture's kernel window.
#pragma once
#include "lib/types.h"

namespace arch {

void* phys_to_ptr(word paddr);
word ptr_to_phys(const void* p);
void* device_pptr(word paddr);  // as phys_to_ptr, for memory outside the simulated RAM too
// [paddr, paddr + size) is simulated RAM.
bool in_window(word paddr, word size);
// The physical address of a table in the kernel's image (riscv64: its root table; aarch64: the
// global user root).
word image_to_phys(const void* p);

}  // namespace arch
