// Hooks a host test uses to observe the simulated machine.
#pragma once
#include "arch/halt.h"
#include "lib/types.h"

namespace host {

// Everything the kernel printed since the last call, then cleared.
const char* take_console_output();

// What arch::halt does on the host: throws this so a test can catch it.
struct Halted {
    arch::HaltReason reason;
};

// The CR2 value a simulated page fault reports.
void set_fault_address(word address);

// Whether the simulated machine has an interrupt waiting (seen at preemption points).
void set_interrupt_pending(bool pending);

}  // namespace host
