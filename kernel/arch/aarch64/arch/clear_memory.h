// Zeroing the memory the kernel hands out (Untyped reset, page-table Unmap, ASID pools).
#pragma once
#include "lib/types.h"

namespace arch {

// Zeroes `bytes` bytes at `p` (a multiple of 16; `p` aligned to 16), a pair of zero registers a
// store (the asm keeps the compiler from calling memset).
inline void clear_memory(void* p, word bytes) {
    for (u8 *b = static_cast<u8*>(p), *end = b + bytes; b != end; b += 16) {
        asm volatile("stp xzr, xzr, [%0]" ::"r"(b) : "memory");
    }
}

}  // namespace arch
