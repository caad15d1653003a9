// The x86 extra BootInfo chunks, in seL4 16.0.0's order and layout: the ACPI RSDP (when one was
// found), the boot loader's memory map, and the TSC frequency in MHz.
#pragma once
#include "arch/multiboot.h"
#include "boot/boot_sources.h"
#include "lib/types.h"

namespace boot {

struct ExtraBootInfo {
    const u8* rsdp = nullptr;  // kernel-visible copy of the RSDP, or nullptr
    u32 tsc_mhz = 0;
    // Bytes of `rsdp` to copy into seL4's 36-byte acpi_rsdp_t, the rest zero: all of it for an
    // RSDP found in memory, whatever its revision; 20 for a Multiboot 2 ACPI 1.0 tag.
    word rsdp_bytes = rsdp_size;
};

// Sized and written by extra_bootinfo_size and write_extra_bootinfo, which core declares
// (boot/boot_sources.h).

// Finds the ACPI RSDP in [start, start + length) of physical memory (the BIOS area on a PC):
// "RSD PTR " on a 16-byte boundary with a valid checksum. Returns its physical address or 0.
word find_rsdp(const PhysView& phys, word start, word length);

}  // namespace boot
