// The x86_64 instructions the shared paging and I/O port code uses, simulated: CR3 and invlpg act
// on the host machine's TLB model, I/O ports read 0 and ignore writes.
#pragma once
#include "lib/types.h"

namespace arch::cpu {

word read_cr3();
void write_cr3(word v);  // drops every cached translation (no PCIDs)
void invlpg(word vaddr); // drops the cached translation of the page holding vaddr

inline u8 inb(u16) { return 0; }
inline u16 inw(u16) { return 0; }
inline u32 inl(u16) { return 0; }
inline void outb(u16, u8) {}
inline void outw(u16, u16) {}
inline void outl(u16, u32) {}

}  // namespace arch::cpu
