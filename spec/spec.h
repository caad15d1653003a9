// The specification's entry points: what the driver (tests/spec) runs the model with.
#pragma once
#include "arch_spec.h"
#include "model.h"

namespace spec {

// A system call by the current thread, its registers and IPC buffer already loaded (seL4's
// handleSyscall, without the final schedule()).
void handle_syscall(State& s, std::int64_t number);
// The interrupt state of a booted kernel: every IRQ inactive and masked but the timer's, the
// IRQ node's slots empty (seL4's initIRQs).
void init_interrupts(State& s);
// The timer interrupt (seL4's timerTick; MCS: handleInterrupt's IRQTimer, ackDeadlineIRQ and
// the deadline set again at the kernel's exit).
void timer_tick(State& s);
// MCS: the kernel entered for the timer's interrupt (seL4's handleInterruptEntry:
// updateTimestamp, checkBudget), to be followed by timer_tick and schedule.
void timer_interrupt_entry(State& s);
// Picks the thread to run and activates it (seL4's schedule() and activateThread()).
void schedule(State& s);
// A user load (into load_register) or store of the 8-byte word at `vaddr` by the current thread, through
// its address space; a VM fault to its handler when the page is absent or the rights forbid it.
void user_access(State& s, word vaddr, bool write, word value);

}  // namespace spec
