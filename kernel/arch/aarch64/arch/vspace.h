// User address spaces on aarch64 (4 KiB granule, 48-bit addresses, four levels of 512 entries).
#pragma once
#include "lib/types.h"

namespace arch {

// The last address a user mapping may cover: seL4's USER_TOP, which on AArch64 without hypervisor
// support is seL4_UserTop (0x00007fffffffffff, the top of TTBR0's 48-bit half).
constexpr word user_top = 0x00007fffffffffff;

}  // namespace arch
