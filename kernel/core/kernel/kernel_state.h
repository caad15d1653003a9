// The kernel's global state as boot leaves it before the first thread: no thread current or ready,
// no scheduler action, the default domain schedule, every IRQ inactive but the timer's, no TCBs
// in the debug list, no root CNode for the invariant checks or root thread for the snapshot. Boot starts from it; host tests and
// the fuzzer reset to it between runs.
#pragma once

namespace core {
void init_kernel_state();
}  // namespace core
