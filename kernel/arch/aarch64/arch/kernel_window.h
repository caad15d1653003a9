// seL4's AArch64 kernel window without hypervisor support: physical memory below PPTR_TOP -
// PPTR_BASE is mapped at PPTR_BASE + its physical address, the kernel image inside it (seL4 16.0.0
// include/arch/arm/arch/64/mode/hardware.h); kernel devices get pages at KDEV_BASE.
#pragma once
#include "lib/span.h"

namespace arch {

constexpr word pptr_base = 0xffffff8000000000;
constexpr word pptr_top = 0xffffffffc0000000;
constexpr word kdev_base = 0xffffffffffe00000;

// Physical memory as the kernel reaches it: through the window.
inline void* phys_to_ptr(word paddr) { return reinterpret_cast<void*>(pptr_base + paddr); }
inline word ptr_to_phys(const void* p) { return reinterpret_cast<word>(p) - pptr_base; }
// The kernel address a device untyped records for `paddr`: never dereferenced; ptr_to_phys gives
// `paddr` back (it wraps above the window).
inline void* device_pptr(word paddr) { return phys_to_ptr(paddr); }

// [paddr, paddr + size) is inside the window.
constexpr bool in_window(word paddr, word size) {
    return paddr <= pptr_top - pptr_base && size <= pptr_top - pptr_base - paddr;
}

// The window's view of physical memory that the caller has checked with in_window.
inline Bytes physical_bytes(word paddr, word size) {
    return Bytes(reinterpret_cast<const u8*>(pptr_base + paddr), size);
}

// The physical address of something in the kernel image (linked in the window, src/linker.ld).
inline word image_to_phys(const void* p) { return ptr_to_phys(p); }

}  // namespace arch
