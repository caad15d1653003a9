// riscv64 (Sv39) paging-structure and ASID invocations, and what deleting those caps must undo: the
// declarations every architecture shares (arch/mmu_common.h), over its Frame, PageTable,
// ASIDControl and ASIDPool caps. A thread without a root runs on the kernel's own. Its
// check_vspace_coherence also finds a cap for every ASID pool in the table and every root an ASID
// names; check_thread_vspaces checks satp, which must hold the kernel's root or one an ASID names
// (a thread runs on the root its ASID names when it is switched to, so satp is what could go stale).
#pragma once
#include "arch/mmu_common.h"
