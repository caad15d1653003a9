// User address spaces on aarch64 (4 KiB granule, 48-bit addresses, four levels of 512 entries,
// TTBR0_EL1 tagged with the ASID).
#pragma once
#include "boot/memory.h"
#include "lib/types.h"

namespace arch {

// The last address a user mapping may cover: seL4's USER_TOP, which on AArch64 without hypervisor
// support is seL4_UserTop (0x00007fffffffffff, the top of TTBR0's 48-bit half).
constexpr word user_top = 0x00007fffffffffff;

// A new, empty level-0 table: user address spaces hold no kernel mappings (those are TTBR1's).
bool create_user_vspace(boot::BootMemory& mem, word& root);
// Maps the 4 KiB frame `paddr` at `vaddr` (user read-write-execute, normal memory), tables taken
// from `mem`.
bool map_user_frame(boot::BootMemory& mem, word root, word vaddr, word paddr);
// Switches TTBR0_EL1 to the address space rooted at physical `root`, tagged with `asid`.
void activate_vspace(word root, word asid);

}  // namespace arch
