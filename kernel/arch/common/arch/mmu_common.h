// What every architecture's arch/mmu.h declares alike: its paging-structure and ASID invocations,
// what deleting those caps must undo, the address space a thread runs on and the checked builds'
// mapping checks, defined in its src/mmu.cc and src/mmu_check.cc. Each arch/mmu.h includes this and
// says what its own differ in.
#pragma once
#include "kernel/errors.h"
#include "object/cap.h"
#include "syscall/message.h"

namespace arch {

// The arch caps' invocations: Frame, the paging structures, ASIDControl and ASIDPool.
core::SysStatus decode_arch_invocation(const core::Message& msg, core::Slot& slot);

// Undoes a mapping or an ASID assignment when the last cap (or a mapped frame cap) goes away.
void finalise_arch_cap(const core::Cap& cap, bool final);

// The physical root a thread with this VTable cap runs on, 0 for none: a mapped root that its ASID
// still names (seL4's setVMRoot).
word thread_vspace_root(const core::Cap& vtable);

// Checked builds (nullptr when all hold, else what failed). check_vspace_coherence: every present
// user entry of every address space an ASID names is recorded by a cap reachable from
// `slots[0, count)` (the root CNode; core::index_reachable_caps): a table cap, or a frame cap mapped
// there; then check_thread_vspaces, the half cheap enough for every kernel entry: no thread would
// run with user mappings its ASID no longer names.
const char* check_vspace_coherence(const core::Slot* slots, word count);
const char* check_thread_vspaces();

// The initial thread's address space and ASID pool (ASID 1 in pool 0), set up at boot.
void set_initial_asid_pool(void* pool, void* root);

}  // namespace arch
