// The riscv64 specification's own entry points (spec.h includes it): device interrupts.
#pragma once
#include "model.h"

namespace spec {

// A device raises PLIC source `irq` (nothing happens while the kernel has it masked).
void plic_source_raised(State& s, word irq);

}  // namespace spec
