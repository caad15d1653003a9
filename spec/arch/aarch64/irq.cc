// aarch64 interrupts (seL4's arch/arm object/interrupt.c and the GIC driver on QEMU virt): IRQs
// 0-159 are the GIC's INTIDs, enabled at the distributor or masked; IRQControl_Get and
// IssueIRQHandlerTrigger hand them out (the trigger mode is the GIC's, outside the model).
#include "arch_spec.h"
#include "generated/invocations.h"
#include "ops.h"

namespace spec {

using Label = core::InvocationLabel;

// seL4's maskInterrupt: the distributor's enable bit.
void mask_interrupt(State& s, bool disable, word irq) {
    if (irq <= max_irq) s.arch.enabled[irq] = !disable;
}

// seL4's Arch_checkIRQ without SMP: 0..maxIRQ.
SyscallError check_irq(word irq) {
    if (irq > max_irq) return error(Error::RangeError, 0, max_irq);
    return ok();
}

// Arch_decodeIRQControlInvocation: IssueIRQHandlerTrigger, its words the IRQ, the trigger, the
// destination's index and depth, checked as IRQControl_Get.
SyscallError decode_arch_irq_control(State& s, const Invocation& inv, SlotRef slot) {
    if (inv.label != static_cast<word>(Label::ARMIRQIssueIRQHandlerTrigger)) return illegal();
    if (inv.words.size() < 4 || inv.extra.empty()) return truncated();
    return get_irq_handler(s, inv, slot, inv.words[0], inv.words[2], inv.words[3]);
}

// The GIC starts with every interrupt masked.
void init_arch_interrupts(State& s) { s.arch.enabled.fill(false); }

void gic_interrupt_raised(State& s, word irq) {
    if (irq <= max_irq && s.arch.enabled[irq]) handle_interrupt(s, irq);
}

}  // namespace spec
