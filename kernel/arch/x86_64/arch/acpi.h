// What the kernel takes from the ACPI tables (as seL4's acpi_init and acpi_madt_scan do): where
// the local APIC and the I/O APICs are, and how many processors there are.
#pragma once
#include "boot/phys_view.h"
#include "generated/config.h"

namespace boot {

struct MadtInfo {
    word lapic_paddr = 0;
    unsigned num_cpus = 0;      // enabled local APICs
    unsigned num_ioapics = 0;   // at most config::max_num_ioapic (more are ignored, as seL4 does)
    word ioapic_paddrs[config::max_num_ioapic] = {};
};

// ACPI structures sum to 0 over their bytes.
bool acpi_checksum_ok(const u8* p, word len);

// Follows the RSDP at physical `rsdp` to the XSDT (ACPI 2.0) or RSDT and from there to the MADT.
// False when a table is missing, lies outside `phys` or fails its checksum.
bool parse_madt(const PhysView& phys, word rsdp, MadtInfo& out);

}  // namespace boot
