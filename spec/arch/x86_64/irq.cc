// x86_64 interrupts (seL4's arch/x86/object/interrupt.c and the pc99 I/O APIC driver): IRQs come
// from I/O APIC pins or MSIs (GetIOAPIC, GetMSI), only a pin has a mask, and IRQ n arrives at
// vector n + 32.
#include "arch_spec.h"
#include "generated/invocations.h"
#include "ops.h"

namespace spec {

using Label = core::InvocationLabel;

namespace {

// ioapic_decode_map_pin_to_vector.
SyscallError check_ioapic_pin(word ioapic, word pin, word level, word polarity) {
    if (ioapic >= ioapic_pins.size()) return error(Error::RangeError, 0, ioapic_pins.size() - 1);
    if (pin >= ioapic_pins[ioapic]) return error(Error::RangeError, 0, ioapic_pins[ioapic] - 1);
    if (level > 1) return error(Error::RangeError, 0, 1);
    if (polarity > 1) return error(Error::RangeError, 0, 1);
    return ok();
}

// GetIOAPIC: words 2-5 are the I/O APIC, pin, level and polarity.
SyscallError issue_ioapic(State& s, const Invocation& inv, word irq, SlotRef control, SlotRef dest) {
    const std::vector<word>& w = inv.words;
    if (SyscallError e = check_ioapic_pin(w[2], w[3], w[4], w[5]); failed(e)) return e;
    s.arch.ioapic[w[2]][w[3]] = RedirectionEntry{irq + irq_vector_offset, w[4] == 1, w[5] == 1, true};
    s.arch.irq_source[irq] = IrqSource{IrqSource::Kind::IoApic, w[2], w[3]};
    return issue_irq_handler(s, inv, irq, control, dest);
}

// GetMSI: words 2-4 are the PCI bus, device and function (the handle, word 5, is not checked).
SyscallError issue_msi(State& s, const Invocation& inv, word irq, SlotRef control, SlotRef dest) {
    constexpr word bus_max = 255, dev_max = 31, func_max = 7;
    if (inv.words[2] > bus_max) return error(Error::RangeError, 0, bus_max);
    if (inv.words[3] > dev_max) return error(Error::RangeError, 0, dev_max);
    if (inv.words[4] > func_max) return error(Error::RangeError, 0, func_max);
    s.arch.irq_source[irq] = IrqSource{IrqSource::Kind::Msi};
    return issue_irq_handler(s, inv, irq, control, dest);
}

}  // namespace

// seL4's maskInterrupt on pc99: only an I/O APIC pin has a mask.
void mask_interrupt(State& s, bool disable, word irq) {
    if (irq < irq_user_min || irq > irq_user_max) return;
    const IrqSource& src = s.arch.irq_source[irq];
    if (src.kind == IrqSource::Kind::IoApic) s.arch.ioapic[src.ioapic][src.pin].masked = disable;
}

// seL4's Arch_checkIRQ without the legacy PIC: IRQControl_Get hands out nothing.
SyscallError check_irq(word) { return illegal(); }

// Arch_decodeIRQControlInvocation: index, depth, then the label's four words, then the IRQ as
// an offset from irq_user_min in word 6.
SyscallError decode_arch_irq_control(State& s, const Invocation& inv, SlotRef slot) {
    bool ioapic = inv.label == static_cast<word>(Label::X86IRQIssueIRQHandlerIOAPIC);
    if (!ioapic && inv.label != static_cast<word>(Label::X86IRQIssueIRQHandlerMSI)) return illegal();
    if (inv.words.size() < 7 || inv.extra.empty()) return truncated();
    if (inv.words[6] > irq_user_max - irq_user_min) return error(Error::RangeError, 0, irq_user_max - irq_user_min);
    word irq = inv.words[6] + irq_user_min;
    if (s.irq_state[irq] != IrqState::Inactive) return error(Error::RevokeFirst);
    SlotResult dest = handler_slot(s, inv, inv.words[0], inv.words[1]);
    if (failed(dest.error)) return dest.error;
    return ioapic ? issue_ioapic(s, inv, irq, slot, dest.slot) : issue_msi(s, inv, irq, slot, dest.slot);
}

void init_arch_interrupts(State& s) {
    s.arch.irq_source.fill(IrqSource{});
    for (auto& pins : s.arch.ioapic) pins.fill(RedirectionEntry{});
}

void ioapic_pin_raised(State& s, word ioapic, word pin) {
    const RedirectionEntry& e = s.arch.ioapic[ioapic][pin];
    if (!e.masked && e.vector >= irq_vector_offset) handle_interrupt(s, e.vector - irq_vector_offset);
}

void msi_received(State& s, word vector) { handle_interrupt(s, vector - irq_vector_offset); }

}  // namespace spec
