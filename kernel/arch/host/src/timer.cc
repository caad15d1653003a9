// The simulated machine's MCS timer: a clock the test sets and the one-shot deadline the kernel
// last asked for.
#include "arch/host_machine.h"
#include "arch/interrupts.h"

namespace {
u64 now = 0, deadline = 0;
}  // namespace

namespace host {
void set_time(u64 ticks) { now = ticks; }
u64 timer_deadline() { return deadline; }
}  // namespace host

namespace arch {
u64 timer_ticks_per_us() { return host::timer_ticks_per_us; }
u64 current_time() { return now; }
void set_deadline(u64 ticks) { deadline = ticks; }
}  // namespace arch
