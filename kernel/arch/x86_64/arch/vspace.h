// Kernel and user address spaces on x86_64 (4-level paging).
#pragma once
#include "arch/cpu.h"
#include "boot/memory.h"
#include "lib/types.h"

namespace arch {

// seL4's USER_TOP: the last address a user mapping may cover (seL4_UserTop, 0x7ffffffff000, is
// only what libsel4 tells programs).
constexpr word user_top = 0x7fffffffffff;
constexpr word kernel_virtual_base = 0xffffffff80000000;  // kernel image, mapped from physical 0
constexpr word pptr_base = 0xffffff8000000000;          // window onto all physical memory
constexpr word phys_window_size = word{1} << 30;         // mapped at boot with 2 MiB pages

inline void* phys_to_ptr(word paddr) { return reinterpret_cast<void*>(pptr_base + paddr); }
inline word ptr_to_phys(const void* p) { return reinterpret_cast<word>(p) - pptr_base; }
// The kernel address a device untyped records for `paddr`: outside the window for most device
// memory, so never dereferenced, but ptr_to_phys gives `paddr` back. (It wraps: 2^39 gives 0.)
inline void* device_pptr(word paddr) { return phys_to_ptr(paddr); }

// Drops the boot identity mapping; from here on the kernel lives in the upper half only.
void init_kernel_vspace();

// Maps the 4 KiB page of device registers holding `paddr` for the kernel, uncached, in every
// address space; returns the virtual address of `paddr` (nullptr when the window is full).
void* map_kernel_device(word paddr);

// Adds to `m` the physical pages no device untyped may cover (seL4's reserved regions): the device
// registers map_kernel_device has mapped, and the MSI doorbell at the top of 4 GiB.
void add_kernel_devices(boot::BootMemory& m);

// A new top-level table holding the kernel's mappings and no user mappings.
bool create_user_vspace(boot::BootMemory& mem, word& root);

// Maps the 4 KiB frame `paddr` at `vaddr` (user, writable), allocating tables from `mem`.
bool map_user_frame(boot::BootMemory& mem, word root, word vaddr, word paddr);

inline void activate_vspace(word root) {
    if (cpu::read_cr3() != root) cpu::write_cr3(root);
}
word kernel_vspace_root();

// The table at `level` (1 = PDPT, 2 = page directory, 3 = page table) that translates `vaddr` in
// the address space rooted at `root`, or nullptr if there is none.
void* paging_structure(word root, word vaddr, unsigned level);

}  // namespace arch
