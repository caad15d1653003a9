// The extra BootInfo chunk of the architectures booted with a device tree: the blob, as seL4
// 16.0.0's RISC-V and Arm boot hand it on (SEL4_BOOTINFO_HEADER_FDT, its totalsize bytes).
#pragma once
#include "boot/boot_sources.h"
#include "lib/types.h"

namespace boot {

struct ExtraBootInfo {
    const u8* dtb = nullptr;  // kernel-visible device tree, or nullptr
    word dtb_bytes = 0;       // its totalsize
};

}  // namespace boot
