// One-time CPU set-up: descriptor tables, system call MSRs, FPU, legacy interrupt controller.
#pragma once

namespace arch {
void init_cpu();
void set_kernel_entry_stack(void* context_top);
}  // namespace arch
