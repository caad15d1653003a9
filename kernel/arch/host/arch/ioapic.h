// The I/O APICs as the IRQ code (arch/x86_64/src/irq_control.cc) reaches them, on the simulated
// machine (src/interrupt_controller.cc): the x86_64 twin's names over simulated entries.
#pragma once
#include "arch/ioapic_entry.h"

namespace arch::ioapic {

unsigned count();
unsigned pins(unsigned ioapic);
void map_pin(unsigned ioapic, unsigned pin, u32 low);
void mask_pin(unsigned ioapic, unsigned pin, bool masked);

}  // namespace arch::ioapic
