// The specification's entry points: what the driver (tests/spec) runs the model with.
#pragma once
#include "model.h"

namespace spec {

// A system call by the current thread, its registers and IPC buffer already loaded (seL4's
// handleSyscall, without the final schedule()).
void handle_syscall(State& s, std::int64_t number);
// The timer interrupt (seL4's timerTick).
void timer_tick(State& s);
// Picks the thread to run and activates it (seL4's schedule() and activateThread()).
void schedule(State& s);

}  // namespace spec
