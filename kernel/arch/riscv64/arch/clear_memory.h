// Zeroing the memory the kernel hands out (Untyped reset, page-table Unmap, ASID pools).
#pragma once
#include "lib/types.h"

namespace arch {

// Zeroes the 2^size_bits bytes at `p` (size_bits >= 4, `p` aligned to 16 bytes) (the volatile stores keep the compiler from calling memset).
inline void clear_memory(void* p, unsigned size_bits) {
    auto* w = static_cast<volatile u64*>(p);
    for (word i = 0, n = bit(size_bits) / 8; i < n; i += 2) {
        w[i] = 0;
        w[i + 1] = 0;
    }
}

}  // namespace arch
