// Mapping device registers into the kernel's device window (arch/kernel_devices.h).
#include "arch/kernel_devices.h"
#include "arch/kernel_window.h"

extern "C" u64 kernel_device_table[512];  // src/boot.S: the last-level table at KDEV_BASE

namespace arch {
namespace {

// A last-level page descriptor for device registers: Device-nGnRnE (MAIR index 0), accessed,
// never executed at EL1 or EL0 (PXN, UXN), EL1 read-write only.
constexpr u64 device_page = 3 | bit(10) | bit(53) | bit(54);
constexpr unsigned device_pages = 512;

constinit unsigned next_page = 0;

}  // namespace

volatile u32* map_kernel_device(word paddr, unsigned pages) {
    if (pages > device_pages - next_page) return nullptr;
    word vaddr = kdev_base + (word{next_page} << 12);
    for (unsigned i = 0; i < pages; i++) kernel_device_table[next_page + i] = (paddr + (word{i} << 12)) | device_page;
    next_page += pages;
    // The entries were invalid: no TLB entry to drop, only the walker must see them.
    asm volatile("dsb ishst\n isb" ::: "memory");
    return reinterpret_cast<volatile u32*>(vaddr);
}

}  // namespace arch
