// The kernel's window onto physical memory, laid out as seL4 16.0.0's x86_64 one: physical
// [0, 510 GiB) at PPTR_BASE, then the kernel image's GiB at PPTR_TOP, then the kernel's device
// pages in the top GiB. The entries are computed here, apart from the CPU, so host tests can
// check them; vspace.cc installs them.
#pragma once
#include "arch/multiboot.h"
#include "lib/types.h"

namespace arch::window {

constexpr word pptr_base = 0xffffff8000000000;   // seL4's PPTR_BASE: physical 0 in the window
constexpr word pptr_top = 0xffffffff80000000;    // seL4's PPTR_TOP: the kernel image's GiB
constexpr word max_size = pptr_top - pptr_base;  // 510 GiB, seL4's PADDR_TOP
constexpr unsigned huge_bits = 30, large_bits = 21;
constexpr word boot_size = bit(huge_bits);    // what boot.S maps: the first GiB, in 2 MiB pages
constexpr word firmware_top = word{1} << 32;  // the BIOS and its ACPI tables live below 4 GiB

// How far a window of 2 MiB pages must reach: all of the first 4 GiB and every region of the
// memory map the kernel reads (RAM and ACPI memory), in whole GiB, at most max_size. Past it,
// physical memory is device memory only.
word large_page_extent(const boot::BootParams& params);

// PDPT entries 0 .. (size >> 30) - 1: 1 GiB pages for physical [0, size), kernel-only.
void fill_huge(u64* pdpt, word size);

// A page directory of 2 MiB pages for the GiB of physical memory at `paddr`, kernel-only.
void fill_large(u64* directory, word paddr);

// The PDPT entry for a page directory at physical `paddr`.
u64 directory_entry(word paddr);

}  // namespace arch::window
