// Zeroing the memory the kernel hands out, on the simulated machine: memset, after checking the
// preconditions the x86_64 routine (arch/x86_64/src/clear.S) relies on.
#pragma once
#include "lib/string.h"
#include "lib/types.h"

namespace arch {

// Zeroes the 2^size_bits bytes at `p` (size_bits >= 4, `p` aligned to 16 bytes).
inline void clear_memory(void* p, unsigned size_bits) {
    if (size_bits < 4 || (reinterpret_cast<word>(p) & 15) != 0) __builtin_trap();
    memset(p, 0, word{1} << size_bits);
}

}  // namespace arch
