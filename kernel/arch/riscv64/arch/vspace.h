// Kernel and user address spaces on riscv64 (Sv39: three levels of 512 entries).
#pragma once
#include "arch/kernel_window.h"
#include "boot/memory.h"
#include "lib/types.h"

namespace arch {

// The last address a user mapping may cover: below seL4's USER_TOP, which on RISC-V is
// seL4_UserTop (0x3ffffff000), a mapping's last byte must lie.
constexpr word user_top = 0x0000003ffffff000 - 1;
// seL4's PADDR_USER_DEVICE_TOP with three levels: device untypeds cover physical memory up to here.
constexpr word device_memory_top = word{1} << 39;
// seL4_MaxUntypedBits on riscv64.
constexpr unsigned max_untyped_bits = 38;

// The kernel's own top-level table (physical): the boot page table, the window and the image.
word kernel_vspace_root();
// Switches satp to the address space rooted at physical `root` (ASID 0: seL4 flushes per switch).
void activate_vspace(word root);
// satp names `root`: an address space switch only when it does not already.
void load_vspace(word root);

// A new top-level table holding the kernel's mappings and no user mappings.
bool create_user_vspace(boot::BootMemory& mem, word& root);
// Maps the 4 KiB frame `paddr` at `vaddr` (user, read-write-execute), tables taken from `mem`.
bool map_user_frame(boot::BootMemory& mem, word root, word vaddr, word paddr);
// The table at `level` (1: the second level, 2: the last) that translates `vaddr` in the address
// space rooted at `root`, or nullptr if there is none.
void* paging_structure(word root, word vaddr, unsigned level);

// A page table that becomes an address space (ASID pool Assign, seL4's copyGlobalMappings) gets
// the kernel's mappings.
void init_vspace_object(void* root);

}  // namespace arch
