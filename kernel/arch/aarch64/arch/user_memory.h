// Reading user memory through a thread's page tables (for debug output only).
#pragma once
#include "kernel/console.h"
#include "lib/types.h"

namespace arch {
// Reads the 8-byte aligned word at user address `vaddr` of the address space rooted at
// `vspace_root` (physical); false when it is not mapped for user reads.
// Only a word in RAM is read: a device frame's registers may have side effects on a read, and
// one over a hole of the physical map faults the kernel (an external abort).
bool read_user_word(word vspace_root, word vaddr, word& out);
// Whether [paddr, paddr + size) is RAM the kernel found at boot (src/init.cc).
bool is_ram(word paddr, word size);

// What seL4's Arch_userStackTrace (src/arch/arm/64/kernel/vspace.c) prints instead of the stack
// when the stack pointer is not 8-byte aligned: a line without the pointer.
inline void print_misaligned_stack_pointer(word) { core::kprintf("SP not aligned\n"); }
}  // namespace arch
