// The simulated machine's MCS timer: a clock the test sets. The deadlines the kernel asks for are
// not kept: no test lets time pass up to one yet.
#include "arch/host_machine.h"
#include "arch/interrupts.h"

namespace {
u64 now = 0;
}  // namespace

namespace host {
void set_time(u64 ticks) { now = ticks; }
}  // namespace host

namespace arch {
u64 timer_ticks_per_us() { return host::timer_ticks_per_us; }
u64 current_time() { return now; }
void set_deadline(u64) {}
}  // namespace arch
