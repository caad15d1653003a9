// Zeroing the memory the kernel hands out, on the simulated machine: memset, after checking the
// preconditions the x86_64 routine (arch/x86_64/src/clear.S) relies on.
#pragma once
#include "lib/string.h"
#include "lib/types.h"

namespace arch {

// Zeroes `bytes` bytes at `p` (a multiple of 256 or a power of two of at least 16; `p` aligned to 16).
inline void clear_memory(void* p, word bytes) {
    bool whole_rounds = bytes % 256 == 0, power_of_two = bytes >= 16 && (bytes & (bytes - 1)) == 0;
    if (!(whole_rounds || power_of_two) || (reinterpret_cast<word>(p) & 15) != 0) __builtin_trap();
    memset(p, 0, bytes);
}

}  // namespace arch
