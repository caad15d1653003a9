// Leaving the kernel: to a user thread, or to the idle loop when nothing can run.
#pragma once
#include "object/tcb.h"

namespace arch {
[[noreturn]] void restore_user_thread(core::Tcb& t);
[[noreturn]] void idle();
// A TCB is going away: the FPU no longer holds state worth saving for it.
void forget_fpu_state(core::Tcb& t);
}  // namespace arch
