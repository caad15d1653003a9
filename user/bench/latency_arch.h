// What the worst-case interrupt latency benchmark (irq_latency.cc) needs of each architecture
// (arch/<arch>/latency_arch.cc; its constants and ASID calls are in bench_arch.h): a timer a user
// driver arms to raise an interrupt at a known instruction, and the code of its spinning and
// sending threads.
#pragma once

#include <sel4/sel4.h>
#include "bench_arch.h"

namespace latency {

// Reads the counter until `instructions` have passed.
inline void spin_for(seL4_Word instructions) {
    for (seL4_Word until = bench::counter() + instructions; bench::counter() < until;) {
    }
}

// The timer's interrupt, its handler cap in `irq_handler` bound to `ntfn`, with nothing pending.
bool set_up_timer(seL4_CPtr irq_handler, seL4_CPtr ntfn);

// One arming of the timer: the line rises `nominal` instructions after the counter read `stamp`
// plus a constant, the instructions from that read to the device's access, which the benchmark
// measures (x86_64: the IOPort call that loads the PIT; riscv64: the read of the RTC's time).
struct Arming {
    seL4_Word stamp, nominal;
};

// The delay the timer is armed with for `instructions`: rounded up to its ticks.
seL4_Word timer_delay(seL4_Word instructions);

// Arms the timer to raise its line timer_delay(instructions) from now,
// noting the arming in `noted` before the device access that arms it: its interrupt may come
// before this returns.
void arm_timer(seL4_Word instructions, volatile Arming& noted);

// Drops the line of the interrupt that came, before its handler cap's Ack.
void clear_timer();

// The counter value at which an interrupt took the thread that reads the counter for ever
// (latency_spin, below), from its registers: its last read and where it was.
seL4_Word spinner_interrupted_at(const seL4_UserContext& regs);

// Registers that make a thread Send an empty message on `ep` for ever: restarted by a cancel, it
// sends again.
void set_sender_registers(seL4_UserContext& regs, seL4_CPtr ep);

}  // namespace latency

// The spinner's code.
extern "C" void latency_spin();
