// Firmware memory maps the host tests share, as QEMU's BIOS reports them.
#pragma once
#include "arch/multiboot.h"

namespace test_maps {

constexpr word gib = word{1} << 30;

// QEMU q35 with 6 GiB: 2 GiB of RAM below 4 GiB (the ACPI tables at its top, reserved), 4 GiB
// above 4 GiB, and a reserved range far up (near 1 TiB).
inline boot::BootParams q35_6g() {
    boot::BootParams p;
    p.add_region(0, 0x9fc00, 1);
    p.add_region(0x100000, 0x7fee0000, 1);
    p.add_region(0x7ffe0000, 0x20000, 2);
    p.add_region(0xfffc0000, 0x40000, 2);
    p.add_region(4 * gib, 4 * gib, 1);
    p.add_region(0xfd00000000, 0x300000000, 2);
    return p;
}

}  // namespace test_maps
