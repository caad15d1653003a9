// The virtual timer's tick (arch/timer.h): CNTV_TVAL_EL0 counts down one interval, CNTV_CTL_EL0
// enables it with its interrupt unmasked.
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

// The timer's condition clears once TVAL is rewritten, before the GIC's end of interrupt.
void on_tick() {
    arm_timer();
    ticks++;
}

word ticks_taken() { return ticks; }

}  // namespace arch
