// Interrupts: IRQ state, the IRQ node of notification caps, IRQControl and IRQHandler.
#include "object/interrupt.h"
#include "arch/interrupts.h"
#include "cspace/cte.h"
#include "cspace/lookup.h"
#include "generated/invocations.h"
#include "kernel/console.h"
#include "kernel/sched.h"
#include "kernel/user_error.h"
#include "object/endpoint.h"

namespace core {
namespace {

using L = InvocationLabel;

IrqState irq_states[arch::max_irq + 1];
Slot irq_node[arch::max_irq + 1];  // the notification cap each IRQ signals (seL4's intStateIRQNode)

void set_irq_state(IrqState s, word irq) {
    irq_states[irq] = s;
    arch::mask_interrupt(s == IrqState::Inactive, irq);
}

// Deletes the notification cap an IRQ signals (seL4's cteDeleteOne on the IRQ node). Only a
// notification cap is ever there, and finalising one needs no zombie and no preemption. (Not
// through cte_delete: that finalises IRQ handler caps by calling this, a cycle in the call graph
// the stack check refuses.)
void clear_irq_notification(word irq) {
    Slot& s = irq_node[irq];
    if (s.cap.type() == CapType::Notification && is_final_capability(s)) {
        finalise_notification(*static_cast<Notification*>(s.cap.ptr()));
    }
    empty_slot(s);
}

void set_irq_notification(word irq, Slot& src) {
    clear_irq_notification(irq);
    cte_insert(src.cap, src, irq_node[irq]);
}

}  // namespace

void init_irq_state() {
    for (word irq = 0; irq <= arch::max_irq; irq++) {
        irq_node[irq] = Slot{};
        set_irq_state(IrqState::Inactive, irq);
    }
    set_irq_state(IrqState::Timer, arch::irq_timer);
}

bool irq_active(word irq) { return irq_states[irq] != IrqState::Inactive; }
IrqState irq_state(word irq) { return irq_states[irq]; }
Slot& irq_node_slot(word irq) { return irq_node[irq]; }

const Cap* irq_notification(word irq) {
    return irq_node[irq].cap.type() == CapType::Notification ? &irq_node[irq].cap : nullptr;
}

void issue_irq_handler(word irq, Slot& control, Slot& dest) {
    set_irq_state(IrqState::Signal, irq);
    cte_insert(Cap::irq_handler(irq), control, dest);
}

SysResult<Slot*> irq_handler_target(word irq, const Message& msg, args::CapArg root, word index, word depth) {
    if (SysStatus s = arch::check_irq(irq); !s) return fail(s.error());
    if (irq_active(irq)) {
        return user_fail(SyscallError::of(ErrorCode::RevokeFirst), "Rejecting request for IRQ %u. Already active.",
                         static_cast<unsigned>(irq));
    }
    auto dest = lookup_slot_for_cnode_op(false, msg.extra_cap(root)->cap, index, depth);
    if (!dest) {
        return user_fail(dest.error(), "Target slot for new IRQ Handler cap invalid: cap %lu, IRQ %u.",
                         msg.extra_cptr(root), static_cast<unsigned>(irq));
    }
    if (SysStatus s = ensure_empty_slot(*dest.value()); !s) {
        return user_fail(s.error(), "Target slot for new IRQ Handler cap not empty: cap %lu, IRQ %u.",
                         msg.extra_cptr(root), static_cast<unsigned>(irq));
    }
    return dest.value();
}

SysStatus decode_irq_control(const Message& msg, Slot& slot) {
    using A = args::IRQIssueIRQHandler;
    if (msg.label() != static_cast<word>(L::IRQIssueIRQHandler)) return arch::decode_irq_control(msg, slot);
    if (msg.length() < A::length || !msg.extra_cap(A::root)) return fail(SyscallError::of(ErrorCode::TruncatedMessage));
    word irq = msg.arg(A::irq);
    auto dest = irq_handler_target(irq, msg, A::root, msg.arg(A::index), msg.arg(A::depth));
    if (!dest) return fail(dest.error());
    issue_irq_handler(irq, slot, *dest.value());
    return {};
}

SysStatus decode_irq_handler(const Message& msg, const Cap& cap) {
    word irq = cap.irq();
    switch (static_cast<L>(msg.label())) {
    case L::IRQAckIRQ:
        if constexpr (arch::irq_masked_until_ack) arch::mask_interrupt(false, irq);
        return {};
    case L::IRQSetIRQHandler: {
        Slot* src = msg.extra_cap(args::IRQSetIRQHandler::notification);
        if (!src) return fail(SyscallError::of(ErrorCode::TruncatedMessage));
        if (src->cap.type() != CapType::Notification) {
            return user_fail(SyscallError::invalid_capability(0),
                             "IRQSetHandler: provided cap is not an notification capability.");
        }
        if (!src->cap.can_send()) {
            return user_fail(SyscallError::invalid_capability(0),
                             "IRQSetHandler: caller does not have send rights on the endpoint.");
        }
        set_irq_notification(irq, *src);
        return {};
    }
    case L::IRQClearIRQHandler: clear_irq_notification(irq); return {};
    default: return user_fail(SyscallError::of(ErrorCode::IllegalOperation), "IRQHandler: Illegal operation.");
    }
}

void delete_irq_handler(word irq) {
    clear_irq_notification(irq);
    set_irq_state(IrqState::Inactive, irq);
}

void handle_interrupt(word irq) {
    if (irq > arch::max_irq) {
        kprintf("Received IRQ %lu, which is above the platform's maxIRQ of %lu\n", irq, arch::max_irq);
        arch::mask_interrupt(true, irq);
        arch::ack_interrupt(irq);
        return;
    }
    switch (irq_states[irq]) {
    case IrqState::Signal: {
        const Cap& c = irq_node[irq].cap;
        if (c.type() == CapType::Notification && c.can_send()) send_signal(*static_cast<Notification*>(c.ptr()), c.badge());
        if constexpr (arch::irq_masked_until_ack) arch::mask_interrupt(true, irq);
        break;
    }
    case IrqState::Timer: timer_tick(); break;
    case IrqState::Inactive: arch::mask_interrupt(true, irq); break;
    }
    arch::ack_interrupt(irq);
}

void handle_pending_interrupt() {
    word irq = 0;
    if (arch::take_pending_interrupt(irq)) handle_interrupt(irq);
}

}  // namespace core
