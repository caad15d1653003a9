// Simulated address spaces for host builds of the kernel core: physical memory is a buffer the
// test provides; page tables are x86_64's, walked by a simulated MMU with a TLB (host_machine.h).
#pragma once
#include "boot/memory.h"
#include "lib/types.h"

namespace arch {

constexpr word user_top = 0x7fffffffffff;  // seL4's USER_TOP on x86_64, the machine simulated
// Device untypeds cover physical addresses below this that are not RAM: x86_64's 2^47, as simulated.
constexpr word device_memory_top = word{1} << 47;
constexpr unsigned max_untyped_bits = 47;  // seL4_MaxUntypedBits, x86_64's

void* phys_to_ptr(word paddr);
word ptr_to_phys(const void* p);
void* device_pptr(word paddr);  // as phys_to_ptr, for memory outside the simulated RAM too
bool create_user_vspace(boot::BootMemory& mem, word& root);
bool map_user_frame(boot::BootMemory& mem, word root, word vaddr, word paddr);
void activate_vspace(word root);  // writes CR3 when `root` is not already there
// The kernel's own top-level table (its upper half is what every address space shares); it lies
// outside the simulated RAM.
word kernel_vspace_root();

// The table at `level` (1 = PDPT, 2 = page directory, 3 = page table) that translates `vaddr` in
// the address space rooted at `root`, or nullptr if there is none.
void* paging_structure(word root, word vaddr, unsigned level);

}  // namespace arch

namespace host {

// Makes [base, base + size) the simulated physical memory starting at physical address 0, and
// resets the MMU (CR3 on the kernel's table, TLB empty), the ASID table and the I/O ports.
void reset_machine(u8* base, word size);

// The physical frame mapped at `vaddr` in `root`, or ~0 if none.
word translate(word root, word vaddr);

}  // namespace host
