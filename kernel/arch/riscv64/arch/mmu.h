// riscv64 (Sv39) paging-structure and ASID invocations, and what deleting those caps must undo.
#pragma once
#include "kernel/errors.h"
#include "object/cap.h"
#include "syscall/message.h"

namespace arch {

// Frame, PageTable, ASIDControl and ASIDPool caps.
core::SysStatus decode_arch_invocation(const core::Message& msg, core::Slot& slot);

// Undoes a mapping or an ASID assignment when the last cap (or a mapped frame cap) goes away.
void finalise_arch_cap(const core::Cap& cap, bool final);

// The physical root a thread with this VTable cap runs on, 0 for none: a mapped top-level page
// table that its ASID still names (seL4's setVMRoot; a thread without one runs on the kernel's own).
word thread_vspace_root(const core::Cap& vtable);

// Checked builds (nullptr when all hold, else what failed). check_vspace_coherence: every ASID
// pool in the table and every root an ASID names has a cap reachable from `slots[0, count)` (the
// root CNode; core::index_reachable_caps) that names it, and every valid entry of the user half of
// every named root is recorded by one: a page-table cap, or a frame cap of the entry's size, mapped
// there; then check_thread_vspaces. That one is cheap enough for every kernel entry: a thread runs
// on the root its ASID names when it is switched to, so what could go stale is satp, which must
// hold the kernel's root or one an ASID names.
const char* check_vspace_coherence(const core::Slot* slots, word count);
const char* check_thread_vspaces();

// The initial thread's address space and ASID pool (ASID 1 in pool 0), set up at boot.
void set_initial_asid_pool(void* pool, void* root);

}  // namespace arch
