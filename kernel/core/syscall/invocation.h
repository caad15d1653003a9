// Invoking a capability: Call, Send and NBSend on a cap that names a kernel object.
#pragma once
#include "object/tcb.h"

namespace core {
// Decodes and performs the invocation the thread's registers name.
void handle_invocation(Tcb& thread, bool is_call, bool is_blocking);
// MCS: the first phase of ReplyRecv, NBSendRecv and NBSendWait, a non-blocking Send to the cap
// `cptr` names; false when it was preempted (the thread runs the system call again, not its receive).
bool handle_first_phase(Tcb& thread, word cptr);
}  // namespace core
