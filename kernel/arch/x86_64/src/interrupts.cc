// The kernel timer (the PIT, through the legacy PIC) and the interrupt state preemption points see.
#include "arch/interrupts.h"
#include "arch/cpu.h"

namespace arch {
namespace {

enum : u16 { pic_master = 0x20, pic_slave = 0xa0, pit_channel0 = 0x40, pit_command = 0x43 };
constexpr u8 pic_eoi = 0x20;
constexpr u8 pic_read_irr = 0x0a;
constexpr unsigned pit_hz = 1193182;
constexpr unsigned tick_hz = 500;  // a 2 ms tick, seL4's x86 default

}  // namespace

void init_timer() {
    constexpr u16 divisor = pit_hz / tick_hz;
    cpu::outb(pit_command, 0x34);  // channel 0, low then high byte, rate generator
    cpu::outb(pit_channel0, divisor & 0xff);
    cpu::outb(pit_channel0, divisor >> 8);
    cpu::outb(pic_master + 1, 0xfe);  // only IRQ 0 (the PIT) unmasked
}

bool interrupt_pending() {
    cpu::outb(pic_master, pic_read_irr);
    return (cpu::inb(pic_master) & 1) != 0;
}

void ack_timer_interrupt() { cpu::outb(pic_master, pic_eoi); }

// Counts TSC cycles over 10 ms of PIT channel 2 (gated on, speaker off, one-shot).
u32 calibrate_tsc_mhz() {
    constexpr u16 port_b = 0x61, pit_channel2 = 0x42;
    constexpr u16 ten_ms = pit_hz / 100;
    cpu::outb(port_b, static_cast<u8>((cpu::inb(port_b) & ~0x02) | 0x01));
    cpu::outb(pit_command, 0xb0);  // channel 2, low then high byte, interrupt on terminal count
    cpu::outb(pit_channel2, ten_ms & 0xff);
    cpu::outb(pit_channel2, ten_ms >> 8);
    u64 start = cpu::rdtsc();
    while (!(cpu::inb(port_b) & 0x20)) {
    }
    return static_cast<u32>((cpu::rdtsc() - start) / 10000);
}

}  // namespace arch
