// The virtual timer (arch/timer.h, arch/interrupts.h): classic, a tick where CNTV_TVAL_EL0 counts
// down one interval; MCS, a deadline in CNTV_CVAL_EL0; CNTV_CTL_EL0 enables it with its interrupt
// unmasked.
#include "arch/interrupts.h"
#include "arch/timer.h"

namespace arch {
namespace {

constexpr u64 ctl_enable = 1;
constinit u64 reload = 0;
constinit word ticks = 0;

void arm_timer() { asm volatile("msr cntv_tval_el0, %0\n isb" ::"r"(reload)); }

}  // namespace

u64 timer_frequency() {
    u64 hz;
    asm volatile("mrs %0, cntfrq_el0" : "=r"(hz));
    return hz;
}

void start_tick(u64 interval) {
    reload = interval;
    ticks = 0;
    arm_timer();
    asm volatile("msr cntv_ctl_el0, %0\n isb" ::"r"(ctl_enable));
}

void stop_tick() { asm volatile("msr cntv_ctl_el0, xzr\n isb"); }

// The timer's condition clears once TVAL is rewritten, before the GIC's end of interrupt.
void on_tick() {
    arm_timer();
    ticks++;
}

word ticks_taken() { return ticks; }

u64 timer_ticks_per_us() { return timer_frequency() / 1000000; }

u64 current_time() {
    u64 now;
    asm volatile("isb\n mrs %0, cntvct_el0" : "=r"(now));
    return now;
}

// The compare value raises the interrupt once the count reaches it (at once if it has).
void set_deadline(u64 deadline) {
    asm volatile("msr cntv_cval_el0, %0\n msr cntv_ctl_el0, %1\n isb" ::"r"(deadline), "r"(ctl_enable));
}

}  // namespace arch
