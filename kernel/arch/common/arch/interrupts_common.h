// What every architecture's arch/interrupts.h declares alike: taking, acknowledging and masking
// interrupts, its IRQControl invocations, and MCS's time (src/interrupts.cc and src/irq_control.cc
// define them). Each arch/interrupts.h includes this and adds its IRQ numbers, whether a signalled
// IRQ stays masked until Ack, and what its timer does alike on every call (kernel_wcet_us,
// max_ticks_to_us, ack_deadline_irq, timer_precision).
#pragma once
#include "syscall/message.h"

namespace arch {

// Whether an interrupt waits, checked at preemption points.
bool interrupt_pending();
// Takes one waiting interrupt without trapping (seL4's getActiveIRQ): true, with its IRQ, when
// there was one; it stays in service until ack_interrupt.
bool take_pending_interrupt(word& irq);
// The end of an interrupt (seL4's ackInterrupt); classic, the tick's next interval armed first.
void ack_interrupt(word irq);
// The interrupt's enable bit at its controller.
void mask_interrupt(bool disable, word irq);

// Whether seL4_IRQControl_Get may hand out `irq` (seL4's Arch_checkIRQ), and the arch's
// IRQControl invocations.
core::SysStatus check_irq(word irq);
core::SysStatus decode_irq_control(const core::Message& msg, core::Slot& slot);

// MCS: microseconds in the timer's ticks (seL4's ticks_t) and back (usToTicks, ticksToUs), the
// largest microseconds that convert (getMaxUsToTicks), the time (getCurrentTime), and the timer's
// interrupt at `deadline`, at once when it has passed (setDeadline).
u64 us_to_ticks(u64 us);
u64 ticks_to_us(u64 t);
u64 max_us_to_ticks();
u64 current_time();
void set_deadline(u64 deadline);

}  // namespace arch
