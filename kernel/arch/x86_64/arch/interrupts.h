// x86 interrupts as seL4's pc99 platform numbers them (IRQ n arrives at vector n + 32), in its
// IOAPIC configuration: the local APIC timer ticks the kernel, I/O APIC pins and MSIs are routed
// to user drivers' vectors.
#pragma once
#include "arch/context.h"
#include "arch/acpi.h"
#include "arch/interrupts_common.h"

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
// MCS: ticks are TSC cycles, as calibrated at boot. Every tick count converts (getMaxTicksToUs),
// seL4's getKernelWcetUs, the deadline's acknowledgement (ackDeadlineIRQ: nothing on x86), how
// early a deadline is set (getTimerPrecision: a microsecond).
inline u64 max_ticks_to_us() { return ~u64{0}; }
constexpr u64 kernel_wcet_us = 10;
inline void ack_deadline_irq() {}
inline u64 timer_precision() { return us_to_ticks(1); }

// arch/interrupts_common.h's are the machine's (src/interrupts.cc; the host's simulated
// controller): taking an interrupt lets the CPU take one inside the kernel (seL4's
// receivePendingIRQ), its end is the local APIC's end of interrupt.

// A kernel-mode interrupt (x86_64 only): true, with the vector noted for take_pending_interrupt
// and the interrupted code's RFLAGS.IF cleared, when it came during that function's window (the
// trap then returns to it); false when it came to the idle loop.
bool note_polled_interrupt(Context& c);

// The rest is src/irq_control.cc, which the host build runs too.

// Masking is an I/O APIC pin's, for the pin `irq` was routed from; MSIs cannot be masked.
// IRQControl Get hands out no IRQ with the I/O APIC (seL4's Arch_checkIRQ; an IRQ it passes must
// be at most max_irq); the x86 IRQControl invocations are GetIOAPIC and GetMSI.
// seL4 on x86 masks an IRQ when its interrupt signals a notification; IRQHandler_Ack unmasks it.
constexpr bool irq_masked_until_ack = true;

// Where an IRQ was last routed from (seL4's x86KSIRQState; kept when its handler goes).
struct IrqSource {
    enum class Kind : u8 { Free, IoApic, Msi } kind;
    u8 ioapic, pin;
};
const IrqSource& irq_source(word irq);
// Every IRQ free: a host test's new machine (the kernel starts so, zero-initialised).
void forget_irq_sources();

}  // namespace arch
