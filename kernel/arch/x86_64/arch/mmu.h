// x86_64 paging-structure and ASID invocations, and what deleting those caps must undo.
#pragma once
#include "kernel/errors.h"
#include "object/cap.h"
#include "syscall/message.h"

namespace arch {

// Frame, PageTable, PageDirectory, PDPT, PML4, ASIDControl, ASIDPool and I/O port caps.
core::SysStatus decode_arch_invocation(const core::Message& msg, core::Slot& slot);

// A new PML4 object gets the kernel's mappings (the upper half) like every address space.
void init_vspace_object(void* pml4);

// Undoes a mapping or an ASID assignment when the last cap (or a mapped frame cap) goes away.
void finalise_arch_cap(const core::Cap& cap, bool final);

// The initial thread's address space and ASID pool (ASID 1 in pool 0), set up at boot.
void set_initial_asid_pool(void* pool, void* pml4);

}  // namespace arch
