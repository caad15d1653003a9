// RISC-V interrupts as seL4 numbers them on QEMU virt (src/arch/riscv/platform_gen.h.in): IRQs
// 1..95 are the PLIC's external sources, IRQ 0 is none (irqInvalid), and the kernel's timer tick
// (the supervisor timer, set through the SBI) is IRQ 96, maxIRQ.
#pragma once
#include "syscall/message.h"

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
// MCS: microseconds in the timer's ticks (seL4's ticks_t: the time CSR) and back, at the timebase
// the device tree gives (set_timebase, before the root task's budget is set), with the largest
// values each takes (seL4's usToTicks, ticksToUs, getMaxUsToTicks, getMaxTicksToUs), and seL4's
// getKernelWcetUs.
void set_timebase(u64 timebase_hz);
u64 us_to_ticks(u64 us);
u64 ticks_to_us(u64 t);
u64 max_us_to_ticks();
inline u64 max_ticks_to_us() { return ~u64{0}; }
constexpr u64 kernel_wcet_us = 10;
// MCS: the time (seL4's getCurrentTime: the time CSR); the timer's interrupt at `deadline`, at
// once when it has passed (setDeadline: the SBI's set_timer, which also clears a pending one);
// its acknowledgement (ackDeadlineIRQ: nothing); how early a deadline is set (getTimerPrecision:
// a microsecond).
u64 current_time();
void set_deadline(u64 deadline);
inline void ack_deadline_irq() {}
inline u64 timer_precision() { return us_to_ticks(1); }

// Whether a timer or external interrupt waits (sip), checked at preemption points.
bool interrupt_pending();
// Takes one waiting interrupt without trapping (seL4's getActiveIRQ): the source the PLIC's
// claim register gives, or the timer. True with its IRQ when there was one.
bool take_pending_interrupt(word& irq);
// The end of an interrupt: classic, the next tick set for the timer.
void ack_interrupt(word irq);
// A source's enable bit in this hart's supervisor context.
void mask_interrupt(bool disable, word irq);
// seL4 on RISC-V neither masks a source when its interrupt signals a notification nor unmasks it
// on IRQHandler_Ack (on QEMU virt Ack does nothing: take_pending_interrupt completed the claim):
// the source stays enabled from IssueIRQHandlerTrigger until its handler cap is deleted.
constexpr bool irq_masked_until_ack = false;

// Whether seL4_IRQControl_Get may hand out `irq` (seL4's Arch_checkIRQ: 1..maxIRQ), and the RISC-V
// IRQControl invocation IssueIRQHandlerTrigger.
core::SysStatus check_irq(word irq);
core::SysStatus decode_irq_control(const core::Message& msg, core::Slot& slot);

}  // namespace arch
