// What the IRQ code (src/irq_control.cc) needs of the I/O APICs: how many there are, their
// pins, and writing a pin's redirection entry. The x86_64 kernel drives the real ones
// (src/interrupts.cc); the host build a simulated controller (arch/host).
#pragma once
#include "lib/types.h"

namespace arch::ioapic {

// A redirection entry's low word: the vector in bits 0-7, then these.
constexpr u32 entry_masked = bit(16);
constexpr unsigned entry_level_shift = 15, entry_polarity_shift = 13;
constexpr unsigned max_pins = 240;  // seL4's IOAPIC_IRQ_LINES

// The I/O APICs the machine has and the pins of each (`ioapic` < count()).
unsigned count();
unsigned pins(unsigned ioapic);
// Routes `pin` to the boot CPU with the entry `low` (seL4's ioapic_map_pin_to_vector).
void map_pin(unsigned ioapic, unsigned pin, u32 low);
// Sets or clears the mask bit of the pin's entry as last written (seL4's ioapic_mask).
void mask_pin(unsigned ioapic, unsigned pin, bool masked);

}  // namespace arch::ioapic
