// Hooks a host test uses to observe the simulated aarch64 machine (src/machine.cc): the ones every
// simulated machine has (arch/simulated_machine.h), and its own.
#pragma once
#include "arch/simulated_machine.h"

namespace host {

// --- the simulated GIC --------------------------------------------------------------------------

// A device raises the GIC's interrupt `irq`: whether the distributor has it enabled (then it is
// pending, the kernel is to take it).
bool raise_gic_interrupt(word irq);
// Whether the distributor has `irq` enabled.
bool gic_enabled(word irq);
// End-of-interrupt writes since reset_machine.
word gic_end_of_interrupts();

// --- the simulated VMSAv8-64 MMU and its TLB ----------------------------------------------------

// walk_page_tables: a valid page or block with AP's EL0 bit; writable if AP is read-write.
// mapped_user_pages: every such page.

// user_access: through the TLB's entries for TTBR0's ASID, else
// the page tables, filling them (only a TLBI of that ASID or address empties them; a TTBR0 write
// does not). On a fault, the ESR_EL1 of it (a data abort from EL0: a translation fault at the
// level the walk stopped, or a permission fault) and FAR_EL1 holds the address.

// Cache maintenance instructions (by line) executed since reset_machine; they change nothing here.
word cache_lines_maintained();

// return_to_user: TTBR0 written when the thread's root or ASID differs, as switch.cc does.

// Makes [base, base + size) the simulated physical memory starting at physical address 0, and
// resets the MMU (TTBR0 on the global user root, ASID 0, every TLB entry gone), the ASID table
// and the GIC.
void reset_machine(u8* base, word size);

}  // namespace host
