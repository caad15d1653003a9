// aarch64 paging-structure and ASID invocations, what deleting those caps must undo, and the
// address space a thread runs on (TTBR0_EL1 with its ASID): the declarations every architecture
// shares (arch/mmu_common.h), over its Frame, PageTable, VSpace, ASIDControl and ASIDPool caps. A
// thread without a root runs on the empty global user VSpace (arch/vspace.h). Its
// check_vspace_coherence also finds a cap for every ASID pool in the table and every root an ASID
// names; check_thread_vspaces checks that TTBR0_EL1 holds the global user VSpace or a root an ASID
// names, with that ASID.
#pragma once
#include "arch/mmu_common.h"
