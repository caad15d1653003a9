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

// The physical root a thread with this VTable cap runs on, 0 for none: a mapped PML4 that its
// ASID still names (seL4's setVMRoot; a thread without one runs on the kernel's own and faults).
word thread_vspace_root(const core::Cap& vtable);

// Checked builds: every present user entry of every address space an ASID names is recorded by
// a cap reachable from `slots[0, count)` (the root CNode; core::index_reachable_caps): a table
// cap, or a frame cap mapped there; and no thread would run with user mappings its ASID no
// longer names. nullptr when all hold, else what failed. check_thread_vspaces is the second half
// alone (cheap enough for every kernel entry).
const char* check_vspace_coherence(const core::Slot* slots, word count);
const char* check_thread_vspaces();

// The initial thread's address space and ASID pool (ASID 1 in pool 0), set up at boot.
void set_initial_asid_pool(void* pool, void* pml4);

// The ASID pool of the ASIDs whose high bits are `high` (512 PML4 pointers), or nullptr; for
// host tests that compare the ASID table.
const void* asid_pool_at(word high);

// No ASID pool at all: a host test's new machine (the kernel starts so, zero-initialised).
void forget_asid_table();

}  // namespace arch
