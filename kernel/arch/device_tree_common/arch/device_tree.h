// What the architectures booted with a device tree (riscv64, aarch64) share: reading the blob the
// firmware hands over through the kernel window (each arch's arch/kernel_window.h), printing its
// regions for the boot log, and turning its memory and initrd into core's boot sources.
#pragma once
#include "boot/boot_sources.h"
#include "boot/memory.h"
#include "lib/fdt_facts.h"

namespace arch {

// The blob at physical `paddr`, as long as its header says (`size`), read into `facts`.
fdt::Error read_device_tree(word paddr, u32& size, fdt::Facts& facts);
// One line per region: "WHAT: [base, end) N KiB".
void print_regions(const char* what, const fdt::Region* regions, unsigned count);

// The kernel reads the initrd through its window: it must lie in RAM, in no reserved region (a
// hole, device registers or the firmware's own memory would fault in the kernel).
bool initrd_readable(const fdt::Facts& facts);

// The physical memory a boot hands to core.
struct BootRam {
    boot::BootSources sources;  // the memory nodes, the initrd as module 0
    boot::BootMemory ram;       // all the RAM the kernel uses
    boot::BootMemory free;      // what of it is free
};
// Fills `out` from `facts`: RAM in the kernel window, less the kernel image [image_start,
// image_end), the device tree [dtb, dtb + dtb_size), the initrd and the reserved regions.
void collect_memory(const fdt::Facts& facts, word dtb, word dtb_size, word image_start, word image_end, BootRam& out);

}  // namespace arch
