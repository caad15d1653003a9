// Invoking a capability: Call, Send and NBSend on a cap that names a kernel object.
#pragma once
#include "object/tcb.h"

namespace core {
// Decodes and performs the invocation the thread's registers name; true when a preemption point
// stopped it (the thread stays in Restart and runs the system call again).
bool handle_invocation(Tcb& thread, bool is_call, bool is_blocking);
}  // namespace core
