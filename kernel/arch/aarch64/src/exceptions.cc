// The C++ side of the vector table's kernel entries (src/vectors.S): an IRQ goes to the boot's
// interrupt self-test until core runs, then to core (the idle loop's); any other exception is
// unexpected and reported with the syndrome (ESR_EL1), the address (ELR_EL1) and the fault address
// (FAR_EL1), and the machine stopped.
#include "arch/entry.h"
#include "arch/gic.h"
#include "arch/halt.h"
#include "arch/timer.h"
#include "kernel/console.h"
#include "kernel/entry.h"

namespace {
constexpr word irq_at_current_el_spx = 5;  // the vector entry: current EL on SP_EL1, IRQ
constinit word watched_irq = ~word{0};
constinit void (*watched_quieten)() = nullptr;
constinit word watched_taken = 0;
constinit bool core_takes_interrupts = false;

// A level-triggered source is quietened before its end of interrupt.
void take_self_test_interrupt() {
    word irq;
    if (!arch::gic::acknowledge(irq)) return;
    if (irq == arch::irq_timer) arch::on_tick();
    if (irq == watched_irq) {
        if (watched_quieten) watched_quieten();
        watched_taken++;
    }
    arch::gic::end_of_interrupt(irq);
}
}  // namespace

void arch::watch_interrupt(word irq, void (*quieten)()) {
    watched_irq = irq;
    watched_quieten = quieten;
    watched_taken = 0;
}
word arch::watched_interrupts_taken() { return watched_taken; }
void arch::hand_interrupts_to_core() { core_takes_interrupts = true; }

extern "C" void handle_exception(word entry, word esr, word elr, word far) {
    if (entry == irq_at_current_el_spx) {
        if (core_takes_interrupts) core::interrupt_entry();
        take_self_test_interrupt();
        return;
    }
    word sp;
    asm("mov %0, sp" : "=r"(sp));
    core::kprintf("\nKERNEL PANIC: exception in kernel mode: vector %lu ESR 0x%lx ELR 0x%lx FAR 0x%lx sp 0x%lx\n", entry,
                  esr, elr, far, sp);
    arch::halt(arch::HaltReason::Panic);
}
