// The x86_64 specification's own entry points (spec.h includes it): device interrupts.
#pragma once
#include "model.h"

namespace spec {

// An interrupt arrives from a device: one that asserts an I/O APIC pin (nothing happens while
// the pin is masked), or one that sends an MSI with `vector` (MSIs cannot be masked).
void ioapic_pin_raised(State& s, word ioapic, word pin);
void msi_received(State& s, word vector);

}  // namespace spec
