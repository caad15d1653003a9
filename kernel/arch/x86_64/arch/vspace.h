// Kernel and user address spaces on x86_64 (4-level paging).
#pragma once
#include "arch/cpu.h"
#include "arch/kernel_window.h"
#include "boot/memory.h"
#include "lib/types.h"

namespace arch {

// seL4's USER_TOP: the last address a user mapping may cover (seL4_UserTop, 0x7ffffffff000, is
// only what libsel4 tells programs).
constexpr word user_top = 0x7fffffffffff;
// seL4's CONFIG_PADDR_USER_DEVICE_TOP: device untypeds cover physical memory up to here.
constexpr word device_memory_top = word{1} << 47;
// seL4_MaxUntypedBits on x86_64: the largest untyped (boot or retyped) and Retype's size limit.
constexpr unsigned max_untyped_bits = 47;
constexpr word kernel_virtual_base = window::pptr_top;  // kernel image, mapped from physical 0
constexpr word pptr_base = window::pptr_base;           // window onto physical memory

inline void* phys_to_ptr(word paddr) { return reinterpret_cast<void*>(pptr_base + paddr); }
inline word ptr_to_phys(const void* p) { return reinterpret_cast<word>(p) - pptr_base; }
// The kernel address a device untyped records for `paddr`: the kernel never dereferences it (for
// device memory past the window's end it is no mapping at all), but ptr_to_phys gives `paddr`
// back. (It wraps: 2^39 gives 0.)
inline void* device_pptr(word paddr) { return phys_to_ptr(paddr); }

// Drops the boot identity mapping; from here on the kernel lives in the upper half only.
void init_kernel_vspace();

// What map_kernel_window built.
struct WindowMap {
    word end;          // physical [0, end) is mapped at pptr_base
    bool huge_pages;   // 1 GiB pages (the CPU has them), else 2 MiB pages
    word table_bytes;  // page directories taken from `mem` for it
};

// Extends the window from boot.S's first GiB to seL4's 510 GiB with 1 GiB pages where the CPU
// has them (one PDPT, no memory taken); else with 2 MiB pages as far as
// window::large_page_extent asks, its page directories taken from `mem` (which must hold them
// below the first GiB). The window may end short of that when `mem` runs out.
WindowMap map_kernel_window(const boot::BootParams& params, boot::BootMemory& mem);
// The end of the physical memory the window maps (the first GiB until map_kernel_window).
word phys_window_end();

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
