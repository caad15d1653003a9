// x86 interrupts as seL4's pc99 platform numbers them (IRQ n arrives at vector n + 32), in its
// IOAPIC configuration: the local APIC timer ticks the kernel, I/O APIC pins and MSIs are routed
// to user drivers' vectors.
#pragma once
#include "arch/context.h"
#include "arch/acpi.h"
#include "syscall/message.h"

namespace arch {

constexpr word irq_vector_offset = 0x20;    // seL4's IRQ_INT_OFFSET
constexpr word irq_user_min = 16;           // the first IRQ GetIOAPIC and GetMSI hand out
constexpr word irq_user_max = 155 - 0x20;   // int_irq_user_max - IRQ_INT_OFFSET
constexpr word irq_timer = 157 - 0x20;      // int_timer - IRQ_INT_OFFSET: the kernel's tick
constexpr word max_irq = irq_timer;         // maxIRQ without SMP or an IOMMU
constexpr word spurious_vector = 0xff;      // the local APIC's, needing no acknowledgement
// int_trap_min: past the last IRQ's vector, `int $n` is a trap that user code may raise (an
// unknown system call to seL4), up to int_trap_max; `int $0xff` is taken as spurious.
constexpr word trap_vector_min = irq_timer + irq_vector_offset + 1;

// Maps and enables the local APIC and the I/O APICs the MADT lists (all pins masked).
void init_interrupt_controllers(const boot::MadtInfo& madt);
// Starts the kernel's timer. Classic: the local APIC timer, periodic, every KernelTimerTickMS
// (2 ms by default). MCS: one-shot, as seL4's apic_init: TSC-deadline mode when the CPU has it,
// else the APIC timer counting down the TSC's time in its own ticks.
void init_timer();
// TSC cycles per microsecond, measured against the PIT.
u32 calibrate_tsc_mhz();
// MCS: microseconds in the timer's ticks (seL4's ticks_t: TSC cycles, as calibrated at boot) and
// back, with the largest values each takes (seL4's usToTicks, ticksToUs, getMaxUsToTicks,
// getMaxTicksToUs), and seL4's getKernelWcetUs.
u64 us_to_ticks(u64 us);
u64 ticks_to_us(u64 t);
u64 max_us_to_ticks();
inline u64 max_ticks_to_us() { return ~u64{0}; }
constexpr u64 kernel_wcet_us = 10;
// MCS: the time (seL4's getCurrentTime: the TSC); the timer's interrupt at `deadline` or at once
// when it has passed (setDeadline); its acknowledgement (ackDeadlineIRQ: nothing on x86); how
// early a deadline is set (getTimerPrecision: a microsecond).
u64 current_time();
void set_deadline(u64 deadline);
inline void ack_deadline_irq() {}
inline u64 timer_precision() { return us_to_ticks(1); }

// The machine's (src/interrupts.cc; the host's simulated controller): whether an interrupt is
// waiting to be taken (checked at preemption points), and the local APIC's end of interrupt.
bool interrupt_pending();
void ack_interrupt(word irq);
// Lets the CPU take one waiting interrupt inside the kernel (seL4's receivePendingIRQ): true,
// with its IRQ, when one came; it stays in service until ack_interrupt.
bool take_pending_interrupt(word& irq);
// A kernel-mode interrupt (x86_64 only): true, with the vector noted for take_pending_interrupt
// and the interrupted code's RFLAGS.IF cleared, when it came during that function's window (the
// trap then returns to it); false when it came to the idle loop.
bool note_polled_interrupt(Context& c);

// The rest is src/irq_control.cc, which the host build runs too.

// An I/O APIC pin's mask, for the pin `irq` was routed from; MSIs cannot be masked.
void mask_interrupt(bool disable, word irq);
// seL4 on x86 masks an IRQ when its interrupt signals a notification; IRQHandler_Ack unmasks it.
constexpr bool irq_masked_until_ack = true;

// Whether seL4_IRQControl_Get may hand out `irq` (seL4's Arch_checkIRQ: with the I/O APIC,
// never; an IRQ it passes must be at most max_irq), and the x86 IRQControl invocations
// GetIOAPIC and GetMSI.
core::SysStatus check_irq(word irq);
core::SysStatus decode_irq_control(const core::Message& msg, core::Slot& slot);

// Where an IRQ was last routed from (seL4's x86KSIRQState; kept when its handler goes).
struct IrqSource {
    enum class Kind : u8 { Free, IoApic, Msi } kind;
    u8 ioapic, pin;
};
const IrqSource& irq_source(word irq);
// Every IRQ free: a host test's new machine (the kernel starts so, zero-initialised).
void forget_irq_sources();

}  // namespace arch
