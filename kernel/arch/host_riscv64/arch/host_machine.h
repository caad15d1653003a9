// Hooks a host test uses to observe the simulated riscv64 machine (src/machine.cc): the ones both
// simulated machines have (arch/simulated_machine.h), and its own.
#pragma once
#include "arch/simulated_machine.h"

namespace host {

// --- the simulated PLIC ------------------------------------------------------------------------

// Where the PLIC's registers are (QEMU virt's), outside the simulated RAM.
constexpr word plic_base = 0xc000000;
// A device raises PLIC source `irq`: whether the kernel's hart context has it enabled (then the
// kernel is to take it).
bool raise_plic_source(word irq);
// Whether source `irq` is enabled for the kernel's hart context.
bool plic_enabled(word irq);

// --- the simulated Sv39 MMU and its TLB -------------------------------------------------------

// walk_page_tables: a valid leaf with U; readable, writable if W. mapped_user_pages: the valid,
// readable user leaves.

// user_access: through the TLB, else the page tables, filling
// the TLB (only sfence.vma empties it; a satp write does not). On a fault, the scause of it (a
// load or store page fault) and stval holds the address. `vaddr` is below the user top.

// return_to_user: satp written (and sfence.vma) when it differs, as switch.cc does.

// Makes [base, base + size) the simulated physical memory starting at physical address 0, and
// resets the MMU (satp on the kernel's table, TLB empty), the ASID table and the PLIC.
void reset_machine(u8* base, word size);

}  // namespace host
