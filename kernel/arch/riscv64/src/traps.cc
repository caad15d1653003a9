// The C++ side of the trap vector (trap.S): the timer tick; anything else is unexpected in a kernel
// that has no user threads yet, so it is reported and the machine stopped.
#include "arch/csr.h"
#include "arch/sbi.h"
#include "arch/timer.h"
#include "kernel/console.h"

extern "C" void handle_trap(word scause, word sepc, word stval) {
    if (scause == (arch::csr::scause_interrupt | arch::csr::cause_supervisor_timer)) {
        arch::on_timer_interrupt();
        return;
    }
    core::kprintf("Unexpected trap: scause 0x%lx sepc 0x%lx stval 0x%lx\n", scause, sepc, stval);
    arch::sbi::shutdown(arch::sbi::ShutdownReason::SystemFailure);
}
