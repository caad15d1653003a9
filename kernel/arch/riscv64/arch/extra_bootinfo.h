// The riscv64 extra BootInfo chunk: the device tree, as seL4 16.0.0's RISC-V boot hands it on
// (SEL4_BOOTINFO_HEADER_FDT, the blob's totalsize bytes).
#pragma once
#include "boot/boot_sources.h"
#include "lib/types.h"

namespace boot {

struct ExtraBootInfo {
    const u8* dtb = nullptr;  // kernel-visible device tree, or nullptr
    word dtb_bytes = 0;       // its totalsize
};

}  // namespace boot
