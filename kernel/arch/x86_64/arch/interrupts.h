// Interrupt state the generic kernel asks about.
#pragma once

namespace arch {
// True when an interrupt is waiting to be taken (checked at preemption points).
bool interrupt_pending();
}  // namespace arch
