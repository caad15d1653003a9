// Turning a user-mode CPU exception into the seL4 fault it stands for.
#pragma once
#include "arch/context.h"
#include "kernel/fault.h"

namespace arch {

constexpr word vector_page_fault = 14;
constexpr word pf_error_instruction_fetch = bit(4);

// Page faults become VM faults (address from CR2, status = error code); `int $n` from
// int_trap_min up becomes an unknown system call (moving the fault IP back to the instruction);
// every other exception is a user exception carrying the vector and the CPU error code, as on
// seL4 x86.
core::Fault fault_from_exception(Context& c);

// System call `number` from the current thread `t` on the slow path, then back to user mode.
[[noreturn]] void handle_syscall(core::Tcb& t, sword number);

}  // namespace arch
