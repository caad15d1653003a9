// Stopping the machine through PSCI's SYSTEM_OFF, saying why.
#pragma once
#include "lib/types.h"

namespace arch {

enum class HaltReason : u8 { DebugHalt = 0, BootError = 1, Panic = 2 };

// How PSCI is called, from the device tree's "method": "hvc" or "smc" (anything else: no PSCI).
void set_psci_method(const char* method);
// SYSTEM_OFF (QEMU exits); without PSCI the CPU waits for interrupts, masked, forever.
[[noreturn]] void halt(HaltReason why);

}  // namespace arch
