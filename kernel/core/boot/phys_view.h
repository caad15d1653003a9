// Bounds-checked access to physical memory handed over by the boot loader.
#pragma once
#include "lib/span.h"

namespace boot {

// A window of physical memory [0, size) visible at `base`. Every pointer the boot loader hands
// us is a physical address and goes through here, so a corrupt one cannot send the kernel astray.
struct PhysView {
    const u8* base;
    word size;

    bool contains(word paddr, word len) const { return Bytes(base, size).contains(paddr, len); }
    template <typename T>
    const T* at(word paddr) const {
        return contains(paddr, sizeof(T)) ? reinterpret_cast<const T*>(base + paddr) : nullptr;
    }
    const char* string_at(word paddr) const;
};

}  // namespace boot
