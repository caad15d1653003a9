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

constexpr u64 hz_in_khz = 1000, khz_in_mhz = 1000;
u64 clock_khz() { return timer_frequency() / hz_in_khz; }
u64 clock_mhz() { return clock_khz() / khz_in_mhz; }
bool use_khz() { return clock_khz() % khz_in_mhz != 0; }

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

// seL4's conversions for the generic timer (include/arch/arm/arch/machine/timer.h, 64/mode/machine/
// timer.h): in kHz when the frequency is no whole number of MHz (USE_KHZ: QEMU virt's 62.5 MHz, so
// that a microsecond is 62.5 ticks, not 62), else in MHz.
u64 us_to_ticks(u64 us) { return use_khz() ? us * clock_khz() / khz_in_mhz : us * clock_mhz(); }
u64 ticks_to_us(u64 t) { return use_khz() ? t * khz_in_mhz / clock_khz() : t / clock_mhz(); }
u64 max_us_to_ticks() { return ~u64{0} / (use_khz() ? clock_khz() : clock_mhz()); }
u64 max_ticks_to_us() { return use_khz() ? ~u64{0} / clock_khz() : ~u64{0}; }

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
