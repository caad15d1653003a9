// The simulated machine's clock and one-shot timer (MCS's arch::current_time and set_deadline):
// a time-stamp counter that moves only when a test lets time pass, at a fixed rate.
#include "arch/host_machine.h"
#include "arch/interrupts.h"

namespace {
constexpr u64 ticks_per_us = 100;        // a 100 MHz counter
constexpr u64 start_time = 1'000'000;    // the counter at reset: some time after power-on
u64 now = start_time;
u64 deadline = ~u64{0};
}  // namespace

namespace arch {
u64 current_time() { return now; }
void set_deadline(u64 when) { deadline = when; }
u64 timer_ticks_per_us() { return ticks_per_us; }
}  // namespace arch

namespace host {

void reset_timer() {
    now = start_time;
    deadline = ~u64{0};
}

// One-shot: a deadline that came is spent.
bool pass_time(u64 ticks) {
    now += ticks;
    if (now < deadline) return false;
    deadline = ~u64{0};
    return true;
}

u64 timer_deadline() { return deadline; }

}  // namespace host
