// Reading and printing the device tree, for the architectures that boot with one (arch/device_tree.h).
#include "arch/device_tree.h"
#include "arch/kernel_window.h"
#include "kernel/console.h"

namespace arch {

fdt::Error read_device_tree(word paddr, u32& size, fdt::Facts& facts) {
    if (!in_window(paddr, fdt::header_size)) return fdt::Error::BadLayout;
    if (fdt::Error e = fdt::total_size(physical_bytes(paddr, fdt::header_size), size); e != fdt::Error::None) return e;
    if (!in_window(paddr, size)) return fdt::Error::BadLayout;
    return fdt::read_facts(physical_bytes(paddr, size), facts);
}

void print_regions(const char* what, const fdt::Region* regions, unsigned count) {
    for (unsigned i = 0; i < count; i++) {
        core::kprintf("%s: [0x%lx, 0x%lx) %lu KiB\n", what, regions[i].base, regions[i].base + regions[i].size,
                      regions[i].size >> 10);
    }
}

}  // namespace arch
