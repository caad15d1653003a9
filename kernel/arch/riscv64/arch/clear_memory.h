// Zeroing the memory the kernel hands out (Untyped reset, page-table Unmap, ASID pools).
#pragma once
#include "lib/types.h"

namespace arch {

// Zeroes `bytes` bytes at `p` (a multiple of 16; `p` aligned to 16): eight stores a round while 64
// bytes are left, then two (the volatile stores keep the compiler from calling memset).
inline void clear_memory(void* p, word bytes) {
    auto* w = static_cast<volatile u64*>(p);
    auto* end = w + bytes / 8;
    for (; end - w >= 8; w += 8) {
        for (int i = 0; i < 8; i++) w[i] = 0;
    }
    for (; w != end; w += 2) {
        w[0] = 0;
        w[1] = 0;
    }
}

}  // namespace arch
