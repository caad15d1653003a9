// Interrupts (seL4's object/interrupt.c, arch/x86/object/interrupt.c and the pc99 I/O APIC
// driver): IRQControl hands out IRQHandler caps, a handler cap names the notification its IRQ
// signals, and an arriving interrupt signals it and stays masked until the handler acknowledges.
#include "generated/invocations.h"
#include "ops.h"
#include "spec.h"

namespace spec {

using Label = core::InvocationLabel;

namespace {

SlotRef irq_slot(word irq) { return {irq_node_object, irq}; }

// seL4's maskInterrupt on pc99: only an I/O APIC pin has a mask.
void mask_interrupt(State& s, bool disable, word irq) {
    if (irq < irq_user_min || irq > irq_user_max) return;
    const IrqSource& src = s.irq_source[irq];
    if (src.kind == IrqSource::Kind::IoApic) s.ioapic[src.ioapic][src.pin].masked = disable;
}

void set_irq_state(State& s, IrqState st, word irq) {
    s.irq_state[irq] = st;
    mask_interrupt(s, st == IrqState::Inactive, irq);
}

void handle_interrupt(State& s, word irq) {
    switch (s.irq_state[irq]) {
    case IrqState::Signal: {
        const Cap& c = slot_at(s, irq_slot(irq)).cap;
        if (c.type == CapType::Notification && c.write) send_signal(s, c.object, c.badge);
        mask_interrupt(s, true, irq);
        return;
    }
    case IrqState::Timer: timer_tick(s); return;
    case IrqState::Inactive: mask_interrupt(s, true, irq); return;
    }
}

// seL4's invokeIRQControl.
SyscallError issue_irq_handler(State& s, const Invocation& inv, word irq, SlotRef control, SlotRef dest) {
    set_irq_state(s, IrqState::Signal, irq);
    cte_insert(s, Cap{.type = CapType::IrqHandler, .number = irq}, control, dest);
    return done(s, inv);
}

// The destination of a new handler cap: a lookup for a CNode operation, then an empty slot.
SlotResult handler_slot(const State& s, const Invocation& inv, word index, word depth) {
    SlotResult dest = lookup_slot_for_cnode_op(s, false, slot_at(s, inv.extra[0]).cap, index, depth);
    if (!failed(dest.error) && slot_at(s, dest.slot).cap.type != CapType::Null) dest.error = error(Error::DeleteFirst);
    return dest;
}

// seL4's Arch_checkIRQ on x86 without the legacy PIC: IRQControl_Get hands out nothing.
SyscallError check_irq(word) { return illegal(); }

// seL4_IRQControl_Get (decodeIRQControlInvocation).
SyscallError decode_get(State& s, const Invocation& inv, SlotRef slot) {
    if (inv.words.size() < 3 || inv.extra.empty()) return truncated();
    word irq = inv.words[0];
    if (SyscallError e = check_irq(irq); failed(e)) return e;
    if (s.irq_state[irq] != IrqState::Inactive) return error(Error::RevokeFirst);
    SlotResult dest = handler_slot(s, inv, inv.words[1], inv.words[2]);
    if (failed(dest.error)) return dest.error;
    return issue_irq_handler(s, inv, irq, slot, dest.slot);
}

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
    s.ioapic[w[2]][w[3]] = RedirectionEntry{irq + irq_vector_offset, w[4] == 1, w[5] == 1, true};
    s.irq_source[irq] = IrqSource{IrqSource::Kind::IoApic, w[2], w[3]};
    return issue_irq_handler(s, inv, irq, control, dest);
}

// GetMSI: words 2-4 are the PCI bus, device and function (the handle, word 5, is not checked).
SyscallError issue_msi(State& s, const Invocation& inv, word irq, SlotRef control, SlotRef dest) {
    constexpr word bus_max = 255, dev_max = 31, func_max = 7;
    if (inv.words[2] > bus_max) return error(Error::RangeError, 0, bus_max);
    if (inv.words[3] > dev_max) return error(Error::RangeError, 0, dev_max);
    if (inv.words[4] > func_max) return error(Error::RangeError, 0, func_max);
    s.irq_source[irq] = IrqSource{IrqSource::Kind::Msi};
    return issue_irq_handler(s, inv, irq, control, dest);
}

// Arch_decodeIRQControlInvocation: index, depth, then the label's four words, then the IRQ as
// an offset from irq_user_min in word 6.
SyscallError decode_x86_irq_control(State& s, const Invocation& inv, SlotRef slot) {
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

// SetIRQHandler: the extra cap must be a notification cap with the right to send.
SyscallError set_notification(State& s, const Invocation& inv, word irq) {
    if (inv.extra.empty()) return truncated();
    const Cap ntfn = slot_at(s, inv.extra[0]).cap;
    if (ntfn.type != CapType::Notification || !ntfn.write) return error(Error::InvalidCapability, 0);
    cte_delete_one(s, irq_slot(irq));
    cte_insert(s, ntfn, inv.extra[0], irq_slot(irq));
    return done(s, inv);
}

}  // namespace

void init_interrupts(State& s) {
    s.cnodes[irq_node_object] = CNode{0, std::vector<Slot>(max_irq + 1)};
    s.irq_state.fill(IrqState::Inactive);
    s.irq_source.fill(IrqSource{});
    for (auto& pins : s.ioapic) pins.fill(RedirectionEntry{});
    s.irq_state[irq_timer] = IrqState::Timer;
}

SyscallError decode_irq_control(State& s, const Invocation& inv, SlotRef slot) {
    if (inv.label == static_cast<word>(Label::IRQIssueIRQHandler)) return decode_get(s, inv, slot);
    return decode_x86_irq_control(s, inv, slot);
}

SyscallError decode_irq_handler(State& s, const Invocation& inv, SlotRef slot) {
    word irq = slot_at(s, slot).cap.number;
    switch (static_cast<Label>(inv.label)) {
    case Label::IRQAckIRQ:
        mask_interrupt(s, false, irq);
        return done(s, inv);
    case Label::IRQSetIRQHandler: return set_notification(s, inv, irq);
    case Label::IRQClearIRQHandler:
        cte_delete_one(s, irq_slot(irq));
        return done(s, inv);
    default: return illegal();
    }
}

void delete_irq_handler(State& s, word irq) {
    cte_delete_one(s, irq_slot(irq));
    set_irq_state(s, IrqState::Inactive, irq);
}

void ioapic_pin_raised(State& s, word ioapic, word pin) {
    const RedirectionEntry& e = s.ioapic[ioapic][pin];
    if (!e.masked && e.vector >= irq_vector_offset) handle_interrupt(s, e.vector - irq_vector_offset);
}

void msi_received(State& s, word vector) { handle_interrupt(s, vector - irq_vector_offset); }

}  // namespace spec
