// Build options CMake sets on the compiler line, as constants: kernel code tests them with `if`,
// never with #ifdef.
#pragma once

namespace build {
// Check the capability derivation tree after every kernel entry (off in the benchmark build).
constexpr bool invariant_checks = KEEL_INVARIANT_CHECKS;
// Take Call and ReplyRecv through the IPC fastpath where it applies (kernel/fastpath.h).
constexpr bool fastpath = KEEL_FASTPATH;
// seL4's KernelPrinting: the kernel prints on its debug console and has the DebugPutChar and
// DebugDumpScheduler system calls (without it, both are unknown system calls).
constexpr bool printing = KEEL_PRINTING;
}  // namespace build
