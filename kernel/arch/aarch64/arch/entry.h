// What the kernel does on an exception, from the kernel or from user mode (src/vectors.S).
#pragma once
#include "arch/context.h"

namespace arch {

// The pending interrupt taken: acknowledged, the tick's or the UART's work done, ended at the GIC.
void take_interrupt();
// The UART's interrupt (its transmit interrupt, turned off when taken) and how often it came.
void watch_uart_interrupt(word irq);
word uart_interrupts_taken();
// The context restore_user_context leaves into on a return from a user-mode entry.
void set_current_context(Context* c);

}  // namespace arch
