// The periodic tick: each supervisor timer interrupt sets the SBI timer for the next one, counting
// from now (the tick may come late; it never piles up).
#include "arch/timer.h"
#include "arch/csr.h"
#include "arch/sbi.h"
#include "kernel/console.h"

namespace arch {
namespace {
u64 tick_interval = 0;
volatile unsigned ticks = 0;  // written by the trap handler, read by the code it interrupts
}  // namespace

void start_tick(u64 interval) {
    tick_interval = interval;
    sbi::set_timer(csr::time() + interval);
    csr::set_sie(csr::sie_stie);
    csr::set_sstatus(csr::sstatus_sie);
}

void on_timer_interrupt() {
    u64 now = csr::time();
    ticks = ticks + 1;
    core::kprintf("timer interrupt %u at time %lu\n", ticks, now);
    sbi::set_timer(now + tick_interval);
}

unsigned ticks_taken() { return ticks; }

}  // namespace arch
