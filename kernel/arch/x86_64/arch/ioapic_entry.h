// An I/O APIC redirection entry's low word, as the IRQ code writes it and the host's simulated
// controller reads it: the vector in bits 0-7, then these.
#pragma once
#include "lib/types.h"

namespace arch::ioapic {

constexpr u32 entry_masked = bit(16);
constexpr unsigned entry_level_shift = 15, entry_polarity_shift = 13;
constexpr unsigned max_pins = 240;  // seL4's IOAPIC_IRQ_LINES

}  // namespace arch::ioapic
