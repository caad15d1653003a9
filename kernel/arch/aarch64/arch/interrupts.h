// AArch64 interrupts on the GIC (arch/gic.h) as seL4 numbers them on qemu-arm-virt: IRQs are the
// GIC's interrupt IDs (SGIs 0..15, PPIs 16..31, SPIs from 32) up to maxIRQ 159, and the kernel's
// tick is the EL1 virtual timer's PPI, INTID 27 (arch/timer.h).
#pragma once
#include "arch/timer.h"
#include "syscall/message.h"

namespace arch {

constexpr word max_irq = 159;  // seL4's maxIRQ on qemu-arm-virt

// Whether an interrupt waits at this CPU (ISR_EL1.I: signalled, masked or not), checked at
// preemption points.
bool interrupt_pending();
// Takes one waiting interrupt without trapping (seL4's getActiveIRQ: the GIC's acknowledge, its
// state becomes active). True with its INTID when there was one.
bool take_pending_interrupt(word& irq);
// The end of an interrupt (seL4's ackInterrupt: the GIC's end of interrupt); classic, the tick's
// next interval armed first (resetTimer).
void ack_interrupt(word irq);
// The interrupt's enable bit at the GIC.
void mask_interrupt(bool disable, word irq);
// seL4 on a GICv2 masks an IRQ when its interrupt signals a notification and IRQHandler_Ack
// unmasks it; on a GICv3 it leaves the interrupt active until Ack deactivates it. Either way the
// source is not taken again before Ack: one image drives both GICs, so Keel masks on both.
constexpr bool irq_masked_until_ack = true;

// Whether seL4_IRQControl_Get may hand out `irq` (seL4's Arch_checkIRQ: 0..maxIRQ), and the Arm
// IRQControl invocations: IssueIRQHandlerTrigger (the GIC's trigger mode set, then as Get) and
// IssueSGISignal (an SGI signal cap: SGI 0..15 for a target the GIC accepts).
core::SysStatus check_irq(word irq);
core::SysStatus decode_irq_control(const core::Message& msg, core::Slot& slot);
// An SGI signal cap invoked, whatever the label (seL4's decodeSGISignalInvocation): its SGI raised
// at its target.
core::SysStatus invoke_sgi_signal(const core::Cap& cap);

// MCS: microseconds in the virtual counter's ticks (seL4's ticks_t) and back, with the largest
// values each takes (seL4's usToTicks, ticksToUs, getMaxUsToTicks, getMaxTicksToUs: in kHz at
// QEMU virt's 62.5 MHz), and seL4's KERNEL_WCET for qemu-arm-virt.
u64 us_to_ticks(u64 us);
u64 ticks_to_us(u64 t);
u64 max_us_to_ticks();
u64 max_ticks_to_us();
constexpr u64 kernel_wcet_us = 10;
// MCS: the time (CNTVCT_EL0); the timer's interrupt at `deadline` (CNTV_CVAL_EL0, at once when it
// has passed); its acknowledgement (seL4's ackDeadlineIRQ: the deadline moved to the end of time, so
// that the level-triggered line falls before the GIC's end of interrupt); how early a deadline is
// set (getTimerPrecision: qemu-arm-virt's TIMER_PRECISION and TIMER_OVERHEAD_TICKS are 0).
u64 current_time();
void set_deadline(u64 deadline);
inline void ack_deadline_irq() { set_deadline(~u64{0}); }
inline u64 timer_precision() { return 0; }

}  // namespace arch
