// Reading user memory through a thread's page tables (for debug output only).
#pragma once
#include "lib/types.h"

namespace arch {
// Reads the 8-byte aligned word at user address `vaddr` of the address space rooted at
// `vspace_root` (physical); false when it is not mapped for user reads.
bool read_user_word(word vspace_root, word vaddr, word& out);
}  // namespace arch
