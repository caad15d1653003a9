// RISC-V interrupts as seL4 numbers them on QEMU virt (src/arch/riscv/platform_gen.h.in): IRQs
// 1..95 are the PLIC's external sources, IRQ 0 is none (irqInvalid), and the kernel's timer tick
// (the supervisor timer, set through the SBI) is IRQ 96, maxIRQ.
#pragma once
#include "arch/interrupts_common.h"

namespace arch {

constexpr word plic_max_irq = 95;  // QEMU virt's PLIC: sources 1..95 (seL4's CONFIGURE_MAX_IRQ)
constexpr word irq_timer = plic_max_irq + 1;
constexpr word max_irq = irq_timer;
constexpr word irq_invalid = 0;

// The PLIC at physical `base` (from the device tree), for hart `hart_id`'s supervisor context:
// every source masked, priority 2, the threshold 0; then external interrupts enabled.
void init_interrupt_controller(word plic_base, word hart_id);
// The PLIC's register space (the SiFive PLIC's 64 MiB), none of it for device untypeds.
constexpr word plic_size = 0x4000000;
// Starts the kernel's timer: classic, the SBI timer every KernelTimerTickMS, counted in
// `timebase_hz`; MCS, only its interrupt enabled (the deadlines are set by set_deadline).
void init_timer(u64 timebase_hz);
// MCS: ticks are the time CSR's, converted at the timebase the device tree gives (set_timebase,
// before the root task's budget is set); the deadline is the SBI's set_timer, which also clears a
// pending one. Every tick count converts (getMaxTicksToUs), seL4's getKernelWcetUs, the deadline's
// acknowledgement (ackDeadlineIRQ: nothing), how early a deadline is set (getTimerPrecision: a
// microsecond).
void set_timebase(u64 timebase_hz);
inline u64 max_ticks_to_us() { return ~u64{0}; }
constexpr u64 kernel_wcet_us = 10;
inline void ack_deadline_irq() {}
inline u64 timer_precision() { return us_to_ticks(1); }

// arch/interrupts_common.h's, on the PLIC: an interrupt waits when sip says a timer or external
// one does; taking one is the source the PLIC's claim register gives, or the timer; its end is
// only the classic tick's next interval set; masking is a source's enable bit in this hart's
// supervisor context.

// seL4 on RISC-V neither masks a source when its interrupt signals a notification nor unmasks it
// on IRQHandler_Ack (on QEMU virt Ack does nothing: take_pending_interrupt completed the claim):
// the source stays enabled from IssueIRQHandlerTrigger until its handler cap is deleted.
constexpr bool irq_masked_until_ack = false;

// IRQControl Get hands out 1..maxIRQ; the RISC-V IRQControl invocation is IssueIRQHandlerTrigger.

}  // namespace arch
