// What the boot loader told us, independent of the Multiboot version that told it.
#pragma once
#include "lib/types.h"
#include "boot/phys_view.h"

namespace boot {

// seL4's acpi_rsdp_t is an ACPI 2.0 RSDP (36 bytes); an ACPI 1.0 one is its first 20.
constexpr word rsdp_size = 36, rsdp_v1_size = 20;

enum class MemType : u32 { Available = 1, Reserved = 2, AcpiReclaimable = 3, AcpiNvs = 4, Bad = 5 };

struct MemRegion {
    word base;
    word length;
    u32 type;  // Multiboot memory type (1 = available RAM)

    word end() const { return base + length < base ? ~word{0} : base + length; }  // ~0 when it wraps
};

struct Module {
    word start;  // physical, inclusive
    word end;    // physical, exclusive
};

struct BootParams {
    static constexpr unsigned max_regions = 50;  // SEL4_MULTIBOOT_MAX_MMAP_ENTRIES
    static constexpr unsigned max_modules = 8;

    MemRegion regions[max_regions];
    unsigned num_regions = 0;
    Module modules[max_modules];
    unsigned num_modules = 0;
    const char* cmdline = "";
    word acpi_rsdp = 0;  // physical address of a copy of the RSDP (Multiboot 2 only), 0 if none
    word acpi_rsdp_size = 0;  // its bytes: 20 (ACPI 1.0 tag) or 36 (ACPI 2.0 tag)

    void add_region(word base, word length, u32 type);
    void add_module(word start, word end);
};

enum class MultibootError { None, UnknownMagic, NoInfo, NoMemoryMap, Malformed };

const char* describe(MultibootError e);

constexpr u32 multiboot1_loader_magic = 0x2BADB002;
constexpr u32 multiboot2_loader_magic = 0x36d76289;

// Parses the information structure `info_paddr` left by a Multiboot 1 or 2 loader (`magic` in EAX).
MultibootError parse_multiboot(u32 magic, word info_paddr, const PhysView& phys, BootParams& out);

}  // namespace boot
