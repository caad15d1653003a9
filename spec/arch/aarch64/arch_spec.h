// The aarch64 specification's own entry points (spec.h includes it): device interrupts.
#pragma once
#include "model.h"

namespace spec {

// A device raises the GIC's interrupt `irq` (nothing happens while the kernel has it masked).
void gic_interrupt_raised(State& s, word irq);

}  // namespace spec
