// Interrupt state the generic kernel asks about.
#pragma once
#include "lib/types.h"

namespace arch {
// True when an interrupt is waiting to be taken (checked at preemption points).
bool interrupt_pending();

constexpr unsigned timer_vector = 32;  // IRQ 0, with the PIC's interrupts from vector 32
void init_timer();
void ack_timer_interrupt();
u32 calibrate_tsc_mhz();
}  // namespace arch
