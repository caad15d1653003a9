// Hooks a host test uses to observe the simulated x86_64 machine: the ones both simulated
// machines have (arch/simulated_machine.h), and its own.
#pragma once
#include <array>
#include "arch/simulated_machine.h"

namespace host {

// The CR2 value a simulated page fault reports.
void set_fault_address(word address);

// The simulated timer's rate: timer ticks (TSC cycles) per microsecond (src/timer.cc; MCS kernels
// read and set it; set_time in arch/simulated_machine.h).
constexpr u64 timer_ticks_per_us = 100;
// The counter at reset: some time after power-on (the specification's start_time, spec/model.h).
constexpr u64 timer_start = 1'000'000;

// --- the simulated interrupt controllers (src/interrupt_controller.cc) --------------------------

// Two I/O APICs, of 24 pins (as QEMU's) and 16.
constexpr unsigned sim_ioapic_count = 2;
constexpr std::array<unsigned, sim_ioapic_count> sim_ioapic_pins{24, 16};

// Every pin masked with vector 0, no IRQ routed, no acknowledgement counted, nothing pending.
void reset_interrupt_controllers();
// A pin's redirection entry (low word: vector, trigger, polarity, mask) as the kernel wrote it.
u32 ioapic_entry(unsigned ioapic, unsigned pin);
// How many interrupts the kernel acknowledged (end-of-interrupt writes to the local APIC).
word interrupts_acknowledged();
// A device asserts `pin`: the vector the CPU takes, or 0 when the pin is masked (or has no
// vector). An MSI needs no such function: the device writes its vector, which always arrives.
word raise_ioapic_pin(unsigned ioapic, unsigned pin);


// --- the simulated clock and one-shot timer (src/timer.cc; MCS kernels read and set them) -------

// The clock back at timer_start, no deadline set.
void reset_timer();
// `ticks` pass; true when the kernel's deadline has come (its interrupt is due, once).
bool pass_time(u64 ticks);
// The deadline the kernel last set, or ~0 when none is pending.
u64 timer_deadline();
// Every read of the clock from now on first lets `ticks` pass (0: the clock stands still while
// the kernel runs); the differential driver's long operations, which take time. A read that
// reaches the deadline spends it and raises the pending interrupt line (the timer's).
void set_time_per_read(u64 ticks);

// --- the simulated MMU and its TLB -----------------------------------------------------------

// walk_page_tables: present and user at every level; writable only if every level allows it.

// user_access: through the TLB, else the page tables, filling
// the TLB. On a fault, the x86 page-fault error code (present, write, user bits) and the TLB
// forgets the address, as the CPU does. `vaddr` is canonical (a user access to any other address
// is a #GP, not simulated); above the user half it meets the kernel's present supervisor pages.

// thread_root: its cached root while its VTable cap is unchanged, as switch.cc decides;
// return_to_user: CR3 written when it differs.

}  // namespace host
