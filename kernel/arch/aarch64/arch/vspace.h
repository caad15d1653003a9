// User address spaces on aarch64 (4 KiB granule, 48-bit addresses, four levels of 512 entries,
// TTBR0_EL1 tagged with the ASID; the kernel's own mappings are TTBR1's).
#pragma once
#include "arch/kernel_window.h"
#include "boot/memory.h"
#include "lib/types.h"

namespace core {
struct Tcb;
}

namespace arch {

// The last address a user mapping may cover: seL4's USER_TOP, which on AArch64 without hypervisor
// support is seL4_UserTop (0x00007fffffffffff, the top of TTBR0's 48-bit half).
constexpr word user_top = 0x00007fffffffffff;
// seL4's PADDR_USER_DEVICE_TOP with KernelArmPASizeBits44 (Cortex-A53/A57): device untypeds cover
// physical memory up to here.
constexpr word device_memory_top = word{1} << 44;
// seL4_MaxUntypedBits on aarch64.
constexpr unsigned max_untyped_bits = 47;

// A new, empty level-0 table: user address spaces hold no kernel mappings (those are TTBR1's).
bool create_user_vspace(boot::BootMemory& mem, word& root);
// Maps the 4 KiB frame `paddr` at `vaddr` (user read-write-execute, normal memory), tables taken
// from `mem`.
bool map_user_frame(boot::BootMemory& mem, word root, word vaddr, word paddr);
// The table at `level` (1, 2 or 3) that translates `vaddr` in the address space rooted at `root`,
// or nullptr if there is none.
void* paging_structure(word root, word vaddr, unsigned level);
// Switches TTBR0_EL1 to the address space rooted at physical `root`, tagged with `asid`.
void activate_vspace(word root, word asid);
// seL4's setVMRoot: TTBR0_EL1 holds the root `t`'s VTable cap names with its ASID, or the empty
// global user VSpace with ASID 0 when the cap names none (the exit to `t` calls it).
void activate_thread_vspace(core::Tcb& t);
// The global user VSpace, ASID 0: no user mappings (the idle loop, whose last thread may be gone).
void deactivate_user_vspace();

}  // namespace arch
