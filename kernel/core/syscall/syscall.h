// System call entry: decode the syscall number and act for the current thread.
#pragma once
#include "lib/types.h"
#include "object/cap.h"
#include "object/tcb.h"

namespace core {

// Handles system call `number` made by `thread` (its registers are saved in its context).
void handle_syscall(Tcb& thread, sword number);

// Handles a CPU exception taken in user mode (vector and error code are in the context).
void handle_user_exception(Tcb& thread);

// Debug builds check the derivation tree reachable from this CNode after every kernel entry.
void set_invariant_root(Slot* slots, word count);
void check_invariants_after_entry();

}  // namespace core
