// seL4's RISC-V 64 (Sv39) kernel window: all physical memory below PPTR_TOP - PPTR_BASE is mapped
// at PPTR_BASE + its physical address (seL4 16.0.0 include/arch/riscv/arch/64/mode/hardware.h).
#pragma once
#include "lib/span.h"

namespace arch {

constexpr word pptr_base = 0xffffffc000000000;
constexpr word pptr_top = 0xffffffff80000000;  // the kernel image's gigapage starts here

// Physical memory as the kernel reaches it: through the window.
inline void* phys_to_ptr(word paddr) { return reinterpret_cast<void*>(pptr_base + paddr); }
inline word ptr_to_phys(const void* p) { return reinterpret_cast<word>(p) - pptr_base; }
// The kernel address a device untyped records for `paddr`: never dereferenced; ptr_to_phys gives
// `paddr` back (it wraps above 2^38).
inline void* device_pptr(word paddr) { return phys_to_ptr(paddr); }

// [paddr, paddr + size) is inside the window.
constexpr bool in_window(word paddr, word size) {
    return paddr <= pptr_top - pptr_base && size <= pptr_top - pptr_base - paddr;
}

// The window's view of physical memory that the caller has checked with in_window.
inline Bytes physical_bytes(word paddr, word size) {
    return Bytes(reinterpret_cast<const u8*>(pptr_base + paddr), size);
}

// The kernel image is linked at KERNEL_ELF_BASE = PPTR_TOP + its load address within its gigapage,
// physical 0x80000000 on QEMU virt (src/linker.ld checks the offset).
constexpr word kernel_image_offset = pptr_top - 0x80000000;
// The physical address of something in the kernel image (outside the window).
inline word image_to_phys(const void* p) { return reinterpret_cast<word>(p) - kernel_image_offset; }

}  // namespace arch
