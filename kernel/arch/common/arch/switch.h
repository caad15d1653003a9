// Leaving the kernel: to a user thread, or to the idle loop when nothing can run. Every
// architecture declares these alike (its src/switch.cc defines them; the host machines stub the FPU).
#pragma once
#include "object/tcb.h"

namespace arch {
[[noreturn]] void restore_user_thread(core::Tcb& t);
[[noreturn]] void idle();
// The FPU registers stop holding `t`'s state (saved into its TCB first): it is going away or
// losing the FPU.
void forget_fpu_state(core::Tcb& t);
}  // namespace arch
