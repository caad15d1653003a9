// Stopping the machine through the SBI's system reset, saying why.
#pragma once
#include "lib/types.h"

namespace arch {

enum class HaltReason : u8 { DebugHalt = 0, BootError = 1, Panic = 2 };

// DebugHalt shuts down with no reason, the others with SRST's system failure.
[[noreturn]] void halt(HaltReason why);

}  // namespace arch
