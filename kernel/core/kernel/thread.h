// The current thread and the choice of what runs next.
#pragma once
#include "object/tcb.h"

namespace core {

Tcb* current_thread();
void set_current_thread(Tcb* t);

// Picks the thread to return to after a kernel entry: the current one while it is runnable,
// otherwise none (the idle loop). Grows into the scheduler.
Tcb* choose_thread();

// Prepares `t` to return to user mode: a thread in Restart re-executes its system call.
void activate_thread(Tcb& t);

}  // namespace core
