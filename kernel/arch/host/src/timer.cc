// The simulated machine's MCS timer: a clock the test sets or lets run on, and the one-shot
// deadline the kernel asked for, spent when time reaches it.
#include "arch/host_machine.h"
#include "arch/interrupts.h"
#include "arch/simulated_machine.h"

namespace {
u64 now = host::timer_start;
u64 deadline = ~u64{0};
u64 per_read = 0;
}  // namespace

namespace host {
void set_time(u64 ticks) { now = ticks; }

void reset_timer() {
    now = timer_start;
    deadline = ~u64{0};
    per_read = 0;
}

// The clock runs on `ticks`; true when it reaches the deadline, which is then spent.
bool pass_time(u64 ticks) {
    now += ticks;
    if (now < deadline) return false;
    deadline = ~u64{0};
    return true;
}

u64 timer_deadline() { return deadline; }

void set_time_per_read(u64 ticks) { per_read = ticks; }
}  // namespace host

namespace arch {
u64 us_to_ticks(u64 us) { return us * host::timer_ticks_per_us; }
u64 ticks_to_us(u64 t) { return t / host::timer_ticks_per_us; }
u64 max_us_to_ticks() { return ~u64{0} / host::timer_ticks_per_us; }
// Time that passes while the kernel runs (a read lets it pass) and reaches the deadline raises
// the timer's interrupt, pending until the kernel takes it: at a preemption point, or once back in
// user mode (the local APIC keeps it however the deadline is set meanwhile).
u64 current_time() {
    if (per_read && host::pass_time(per_read)) host::set_interrupt_pending(true);
    return now;
}
void set_deadline(u64 when) { deadline = when; }
}  // namespace arch
