// The kernel's tick: the EL1 virtual timer (CNTV_*_EL0), as seL4 uses it without hypervisor
// support (include/arch/arm/arch/64/mode/machine.h), PPI 11 (INTID 27, seL4's
// INTERRUPT_VTIMER_EVENT on qemu-arm-virt).
#pragma once
#include "lib/types.h"

namespace arch {

constexpr word irq_timer = 27;

// CNTFRQ_EL0: the counter's ticks per second.
u64 timer_frequency();
// Starts the tick, one every `interval` counts (seL4's TIMER_RELOAD).
void start_tick(u64 interval);
// MCS: the tick stopped (core's deadlines take over the timer).
void stop_tick();
// The tick's interrupt taken: the next one armed (seL4's resetTimer).
void on_tick();
// Ticks taken since start_tick.
word ticks_taken();

}  // namespace arch
