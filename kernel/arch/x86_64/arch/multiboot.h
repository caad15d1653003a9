// What a Multiboot 1 or 2 loader told the x86 kernel, independent of the version that told it.
#pragma once
#include "lib/types.h"
#include "boot/boot_sources.h"

namespace boot {

// seL4's acpi_rsdp_t is an ACPI 2.0 RSDP (36 bytes); an ACPI 1.0 one is its first 20.
constexpr word rsdp_size = 36, rsdp_v1_size = 20;

// Multiboot memory types.
enum class MemType : u32 { Available = mem_available, Reserved = 2, AcpiReclaimable = 3, AcpiNvs = 4, Bad = 5 };

// The boot sources, plus the ACPI RSDP a Multiboot 2 loader may hand over.
struct BootParams : BootSources {
    word acpi_rsdp = 0;  // physical address of a copy of the RSDP (Multiboot 2 only), 0 if none
    word acpi_rsdp_size = 0;  // its bytes: 20 (ACPI 1.0 tag) or 36 (ACPI 2.0 tag)
};

enum class MultibootError { None, UnknownMagic, NoInfo, NoMemoryMap, Malformed };

const char* describe(MultibootError e);

constexpr u32 multiboot1_loader_magic = 0x2BADB002;
constexpr u32 multiboot2_loader_magic = 0x36d76289;

// Parses the information structure `info_paddr` left by a Multiboot 1 or 2 loader (`magic` in EAX).
MultibootError parse_multiboot(u32 magic, word info_paddr, const PhysView& phys, BootParams& out);

}  // namespace boot
