// What the kernel does on an exception, from the kernel or from user mode (src/vectors.S).
#pragma once
#include "arch/context.h"

namespace arch {

// The pending interrupt taken: acknowledged, the tick's work or the watched one's done, ended at
// the GIC.
void take_interrupt();
// An interrupt the boot skeleton waits for: counted when taken, its source quietened by `quieten`
// (nullptr: nothing to do, as for an edge-triggered SGI) before the end of interrupt.
void watch_interrupt(word irq, void (*quieten)());
word watched_interrupts_taken();
// The context restore_user_context leaves into on a return from a user-mode entry.
void set_current_context(Context* c);

}  // namespace arch
