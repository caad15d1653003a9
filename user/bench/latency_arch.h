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

// The timer's interrupt, its handler cap issued into `irq_handler`, with nothing pending.
bool set_up_timer(seL4_CPtr irq_handler);

// One arming of the timer: the line rises `nominal` instructions after the counter read `stamp`
// plus a constant, the instructions from that read to the device's access, which the benchmark
// measures (x86_64: the IOPort call that loads the PIT; riscv64: the read of the RTC's time;
// aarch64: what the counter's offset from the timer's clock was rounded up by).
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

// The last counter read of the thread that reads the counter for ever (latency_spin, below), from
// its registers once an interrupt took it.
seL4_Word spinner_last_read(const seL4_UserContext& regs);

// seL4_UserContext's pc, and a system call's registers: its number, then its first two arguments.
extern seL4_Word seL4_UserContext::*const pc_register;
extern seL4_Word seL4_UserContext::*const syscall_registers[3];

}  // namespace latency

// The spinner's code: the counter read, then the jump back to it (latency_spin_jump). The
// sender's: a system call, then the jump back to it.
extern "C" void latency_spin();
extern "C" const char latency_spin_jump[], latency_sender[];
