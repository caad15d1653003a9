// Calls into the Supervisor Binary Interface (OpenSBI under QEMU): console, timer, shutdown.
#pragma once
#include "lib/types.h"

namespace arch::sbi {

// Finds which of the extensions used below the SBI implements (before any other call).
void probe_extensions();
void console_putchar(char c);
// Raises a supervisor timer interrupt once the time CSR reaches `time` (and clears a pending one).
void set_timer(u64 time);
enum class ShutdownReason : u32 { None = 0, SystemFailure = 1 };  // SRST reset_reason
[[noreturn]] void shutdown(ShutdownReason reason);

}  // namespace arch::sbi
