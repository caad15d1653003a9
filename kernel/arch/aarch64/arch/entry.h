// What the kernel does on an exception it takes in the kernel (src/vectors.S, src/exceptions.cc).
#pragma once
#include "lib/types.h"

namespace arch {

// The boot's interrupt self-test: an interrupt the kernel waits for, counted when taken, its
// source quietened by `quieten` (nullptr: nothing to do, as for an edge-triggered SGI) before the
// end of interrupt; the tick's are counted by arch/timer.h.
void watch_interrupt(word irq, void (*quieten)());
word watched_interrupts_taken();
// From now on an interrupt taken in the kernel (only the idle loop takes them) goes to core.
void hand_interrupts_to_core();

}  // namespace arch
