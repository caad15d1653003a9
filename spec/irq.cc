// Interrupts (seL4's object/interrupt.c): IRQControl hands out IRQHandler caps, a handler cap
// names the notification its IRQ signals, and an arriving interrupt signals it (and, where the
// architecture says so, stays masked until the handler acknowledges). How IRQs are routed and
// masked is the architecture's.
#include "generated/invocations.h"
#include "ops.h"
#include "spec.h"

namespace spec {

using Label = core::InvocationLabel;

namespace {

SlotRef irq_slot(word irq) { return {irq_node_object, irq}; }

void set_irq_state(State& s, IrqState st, word irq) {
    s.irq_state[irq] = st;
    mask_interrupt(s, st == IrqState::Inactive, irq);
}

// seL4_IRQControl_Get (decodeIRQControlInvocation): the IRQ, the destination's index and depth.
SyscallError decode_get(State& s, const Invocation& inv, SlotRef slot) {
    if (inv.words.size() < 3 || inv.extra.empty()) return truncated();
    return get_irq_handler(s, inv, slot, inv.words[0], inv.words[1], inv.words[2]);
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

void handle_interrupt(State& s, word irq) {
    switch (s.irq_state[irq]) {
    case IrqState::Signal: {
        const Cap& c = slot_at(s, irq_slot(irq)).cap;
        if (c.type == CapType::Notification && c.write) send_signal(s, c.object, c.badge);
        if (irq_masked_until_ack) mask_interrupt(s, true, irq);
        return;
    }
    case IrqState::Timer: timer_tick(s); return;
    case IrqState::Inactive: mask_interrupt(s, true, irq); return;
    }
}

SyscallError issue_irq_handler(State& s, const Invocation& inv, word irq, SlotRef control, SlotRef dest) {
    set_irq_state(s, IrqState::Signal, irq);
    cte_insert(s, Cap{.type = CapType::IrqHandler, .number = irq}, control, dest);
    return done(s, inv);
}

SyscallError get_irq_handler(State& s, const Invocation& inv, SlotRef control, word irq, word index, word depth) {
    if (SyscallError e = check_irq(irq); failed(e)) return e;
    if (s.irq_state[irq] != IrqState::Inactive) return error(Error::RevokeFirst);
    SlotResult dest = handler_slot(s, inv, index, depth);
    if (failed(dest.error)) return dest.error;
    return issue_irq_handler(s, inv, irq, control, dest.slot);
}

SlotResult handler_slot(const State& s, const Invocation& inv, word index, word depth) {
    SlotResult dest = lookup_slot_for_cnode_op(s, false, slot_at(s, inv.extra[0]).cap, index, depth);
    if (!failed(dest.error) && slot_at(s, dest.slot).cap.type != CapType::Null) dest.error = error(Error::DeleteFirst);
    return dest;
}

void init_interrupts(State& s) {
    s.cnodes[irq_node_object] = CNode{0, std::vector<Slot>(max_irq + 1)};
    s.irq_state.fill(IrqState::Inactive);
    init_arch_interrupts(s);
    s.irq_state[irq_timer] = IrqState::Timer;
}

SyscallError decode_irq_control(State& s, const Invocation& inv, SlotRef slot) {
    if (inv.label == static_cast<word>(Label::IRQIssueIRQHandler)) return decode_get(s, inv, slot);
    return decode_arch_irq_control(s, inv, slot);
}

SyscallError decode_irq_handler(State& s, const Invocation& inv, SlotRef slot) {
    word irq = slot_at(s, slot).cap.number;
    switch (static_cast<Label>(inv.label)) {
    case Label::IRQAckIRQ:
        if (irq_masked_until_ack) mask_interrupt(s, false, irq);
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

}  // namespace spec
