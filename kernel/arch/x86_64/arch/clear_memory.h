// Zeroing the memory the kernel hands out (Untyped reset, page-table Unmap, ASID pools), as
// seL4's clearMemory: with SSE's 16-byte stores, or `rep stosq` while SSE traps (src/clear.S).
#pragma once
#include "lib/types.h"

extern "C" {
// The routines of src/clear.S. `bytes` is a power of two of at least 16, `p` aligned to 16 bytes.
void arch_clear_memory(void* p, unsigned size_bits);  // picks one of the two below by CR0.TS
void arch_clear_memory_vectors(void* p, word bytes);  // SSE stores; XMM0 saved and restored
void arch_clear_memory_words(void* p, word bytes);    // rep stosq
}

namespace arch {

// Zeroes the 2^size_bits bytes at `p` (size_bits >= 4, `p` aligned to 16 bytes).
inline void clear_memory(void* p, unsigned size_bits) { arch_clear_memory(p, size_bits); }

}  // namespace arch
