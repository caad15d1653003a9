// Interrupt state: no interrupt source is enabled yet, so nothing is ever pending.
#include "arch/interrupts.h"

namespace arch {
bool interrupt_pending() { return false; }
}  // namespace arch
