// riscv64 interrupts (seL4's arch/riscv object/interrupt.c and the PLIC driver on QEMU virt): IRQs
// 1-95 are PLIC sources, enabled for the kernel's hart context or masked; IRQControl_Get and
// IssueIRQHandlerTrigger hand them out (the trigger is accepted and ignored, as seL4's PLIC driver
// does on QEMU virt).
#include "arch_spec.h"
#include "generated/invocations.h"
#include "ops.h"

namespace spec {

using Label = core::InvocationLabel;

// seL4's maskInterrupt: a PLIC source's enable bit; the timer has none here.
void mask_interrupt(State& s, bool disable, word irq) {
    if (irq == 0 || irq > plic_max_irq) return;
    s.arch.enabled[irq] = !disable;
}

// seL4's Arch_checkIRQ: 1..maxIRQ.
SyscallError check_irq(word irq) {
    if (irq > max_irq || irq == 0) return error(Error::RangeError, 1, max_irq);
    return ok();
}

// Arch_decodeIRQControlInvocation: IssueIRQHandlerTrigger, its words the IRQ, the trigger, the
// destination's index and depth, checked as IRQControl_Get.
SyscallError decode_arch_irq_control(State& s, const Invocation& inv, SlotRef slot) {
    if (inv.label != static_cast<word>(Label::RISCVIRQIssueIRQHandlerTrigger)) return illegal();
    if (inv.words.size() < 4 || inv.extra.empty()) return truncated();
    return get_irq_handler(s, inv, slot, inv.words[0], inv.words[2], inv.words[3]);
}

// The PLIC starts with every source masked.
void init_arch_interrupts(State& s) { s.arch.enabled.fill(false); }

void plic_source_raised(State& s, word irq) {
    if (irq >= 1 && irq <= plic_max_irq && s.arch.enabled[irq]) handle_interrupt(s, irq);
}

}  // namespace spec
