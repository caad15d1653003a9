// Invoking a capability: Call, Send and NBSend on a cap that names a kernel object.
#pragma once
#include "object/tcb.h"

namespace core {
// Decodes and performs the invocation the thread's registers name.
void handle_invocation(Tcb& thread, bool is_call, bool is_blocking);
}  // namespace core
