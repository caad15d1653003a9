// Stopping the machine, reporting why to an emulator's debug-exit device when one is configured.
#pragma once
#include "lib/types.h"

namespace arch {

// The value written to the debug-exit port; QEMU's isa-debug-exit then exits with (value << 1) | 1.
enum class HaltReason : u8 { DebugHalt = 0, BootError = 1, Panic = 2 };

void set_exit_port(u16 port);
[[noreturn]] void halt(HaltReason why);

}  // namespace arch
