// What the kernel does on an exception, from the kernel or from user mode (src/vectors.S).
#pragma once
#include "arch/context.h"

namespace arch {

// The pending interrupt taken: acknowledged, the tick's work done, ended at the GIC.
void take_interrupt();
// The context restore_user_context leaves into on a return from a user-mode entry.
void set_current_context(Context* c);

}  // namespace arch
