// Faults a thread can take, and what happens when it has no one to handle them.
#pragma once
#include "lib/types.h"
#include "object/fault_info.h"
#include "object/tcb.h"

namespace core {

// Prints `f` in seL4's words ("vm fault on data at address ... with status ...").
void print_fault(const Fault& f);

// Delivers `f` to the thread's fault handler endpoint as a fault message (the thread blocks until
// the handler replies); with no usable handler the kernel prints what happened, as seL4's debug
// build does, and the thread becomes Inactive.
void handle_fault(Tcb& thread, const Fault& f);
// A cap fault, with the lookup failure that caused it (part of the fault message).
void handle_cap_fault(Tcb& thread, word cptr, bool in_receive_phase, const LookupFault& lookup);

}  // namespace core
