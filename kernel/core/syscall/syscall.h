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
// And after each fastpath entry from `from` to `to`, what it changed, as cheaply: MCS, the two
// threads' donation invariants and the moved context's call stack. (Classic's fastpath changes
// a reply cap, which the CNode window checks at a slow entry's cost: it calls none.)
void check_invariants_after_fastpath(const Tcb& from, const Tcb& to);

}  // namespace core
