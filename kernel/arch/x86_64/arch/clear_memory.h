// Zeroing the memory the kernel hands out (Untyped reset, page-table Unmap, ASID pools), as
// seL4's clearMemory: with SSE's 16-byte stores, or `rep stosq` while SSE traps (src/clear.S).
#pragma once
#include "lib/types.h"

extern "C" {
// The routines of src/clear.S. `bytes` is a multiple of 256 or a power of two of at least 16, `p`
// aligned to 16 bytes.
void arch_clear_memory(void* p, word bytes);          // picks one of the two below by CR0.TS
void arch_clear_memory_vectors(void* p, word bytes);  // SSE stores; XMM0 saved and restored
void arch_clear_memory_words(void* p, word bytes);    // rep stosq
}

namespace arch {

// Zeroes `bytes` bytes at `p` (a multiple of 256 or a power of two of at least 16; `p` aligned to 16).
inline void clear_memory(void* p, word bytes) { arch_clear_memory(p, bytes); }

}  // namespace arch
