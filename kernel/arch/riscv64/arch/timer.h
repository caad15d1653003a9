// The supervisor timer through the SBI: a periodic tick counted by the trap handler.
#pragma once
#include "lib/types.h"

namespace arch {

// Starts a tick every `interval` units of the time CSR and enables the timer interrupt.
void start_tick(u64 interval);
// Taken by the trap handler: counts the tick, prints it and sets the next one.
void on_timer_interrupt();
unsigned ticks_taken();

}  // namespace arch
