// x86_64 paging-structure and ASID invocations, and what deleting those caps must undo (the
// declarations every architecture shares: arch/mmu_common.h). Its Frame, PageTable, PageDirectory,
// PDPT, PML4, ASIDControl, ASIDPool and I/O port caps are invoked there; a thread without a root
// runs on the kernel's own and faults.
#pragma once
#include "arch/mmu_common.h"

namespace arch {

// A new PML4 object gets the kernel's mappings (the upper half) like every address space.
void init_vspace_object(void* pml4);

// The ASID pool of the ASIDs whose high bits are `high` (512 PML4 pointers), or nullptr; for
// host tests that compare the ASID table.
const void* asid_pool_at(word high);

// No ASID pool at all: a host test's new machine (the kernel starts so, zero-initialised).
void forget_asid_table();

}  // namespace arch
