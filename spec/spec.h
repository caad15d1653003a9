// The specification's entry points: what the driver (tests/spec) runs the model with.
#pragma once
#include "model.h"

namespace spec {

// A system call by the current thread, its registers and IPC buffer already loaded (seL4's
// handleSyscall, without the final schedule()).
void handle_syscall(State& s, std::int64_t number);
// The interrupt state of a booted kernel: every IRQ inactive and masked but the timer's, the
// IRQ node's slots empty (seL4's initIRQs).
void init_interrupts(State& s);
// An interrupt arrives from a device: one that asserts an I/O APIC pin (nothing happens while
// the pin is masked), or one that sends an MSI with `vector` (MSIs cannot be masked).
void ioapic_pin_raised(State& s, word ioapic, word pin);
void msi_received(State& s, word vector);
// The timer interrupt (seL4's timerTick).
void timer_tick(State& s);
// Picks the thread to run and activates it (seL4's schedule() and activateThread()).
void schedule(State& s);
// A user load (into RAX) or store of the 8-byte word at `vaddr` by the current thread, through
// its address space; a VM fault to its handler when the page is absent or the rights forbid it.
void user_access(State& s, word vaddr, bool write, word value);

}  // namespace spec
