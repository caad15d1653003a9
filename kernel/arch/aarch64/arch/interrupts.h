// AArch64 interrupts on the GIC (arch/gic.h) as seL4 numbers them on qemu-arm-virt: IRQs are the
// GIC's interrupt IDs (SGIs 0..15, PPIs 16..31, SPIs from 32) up to maxIRQ 159, and the kernel's
// tick is the EL1 virtual timer's PPI, INTID 27 (arch/timer.h).
#pragma once
#include "arch/interrupts_common.h"
#include "arch/timer.h"

namespace arch {

constexpr word max_irq = 159;  // seL4's maxIRQ on qemu-arm-virt

// arch/interrupts_common.h's, on the GIC: an interrupt waits at this CPU when ISR_EL1.I says so
// (signalled, masked or not); taking one is the GIC's acknowledge (its state becomes active), its
// end the GIC's end of interrupt (the classic tick's next interval armed first: resetTimer);
// masking its enable bit there.

// seL4 on a GICv2 masks an IRQ when its interrupt signals a notification and IRQHandler_Ack
// unmasks it; on a GICv3 it leaves the interrupt active until Ack deactivates it. Either way the
// source is not taken again before Ack: one image drives both GICs, so Keel masks on both.
constexpr bool irq_masked_until_ack = true;

// IRQControl Get hands out 0..maxIRQ; the Arm IRQControl invocations are IssueIRQHandlerTrigger
// (the GIC's trigger mode set, then as Get) and IssueSGISignal (an SGI signal cap: SGI 0..15 for a
// target the GIC accepts).

// An SGI signal cap invoked, whatever the label (seL4's decodeSGISignalInvocation): its SGI raised
// at its target.
core::SysStatus invoke_sgi_signal(const core::Cap& cap);

// MCS: ticks are the virtual counter's (converted in kHz at QEMU virt's 62.5 MHz), the time
// CNTVCT_EL0 and the deadline CNTV_CVAL_EL0. The largest ticks that convert (getMaxTicksToUs),
// seL4's KERNEL_WCET for qemu-arm-virt, the deadline's acknowledgement (seL4's ackDeadlineIRQ: the
// deadline moved to the end of time, so that the level-triggered line falls before the GIC's end of
// interrupt), and how early a deadline is set (getTimerPrecision: qemu-arm-virt's TIMER_PRECISION
// and TIMER_OVERHEAD_TICKS are 0).
u64 max_ticks_to_us();
constexpr u64 kernel_wcet_us = 10;
inline void ack_deadline_irq() { set_deadline(~u64{0}); }
inline u64 timer_precision() { return 0; }

}  // namespace arch
