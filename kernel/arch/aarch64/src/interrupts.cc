// Interrupts on the GIC for core (arch/interrupts.h), as seL4's Arm machine and IRQControl code
// (src/arch/arm/object/interrupt.c, drivers/irq/gic_v2.c and gic_v3.c) drive them.
#include "arch/interrupts.h"
#include "arch/gic.h"
#include "arch/sysreg.h"
#include "generated/config.h"
#include "cspace/cte.h"
#include "cspace/lookup.h"
#include "generated/invocations.h"
#include "kernel/user_error.h"
#include "object/interrupt.h"

namespace arch {

bool interrupt_pending() {
    return (sysreg::read(sysreg::Reg::Isr) & bit(7)) != 0;
}

bool take_pending_interrupt(word& irq) { return gic::acknowledge(irq); }

void ack_interrupt(word irq) {
    if (irq == irq_timer && !config::kernel_mcs) on_tick();
    gic::end_of_interrupt(irq);
}

void mask_interrupt(bool disable, word irq) { gic::set_enabled(irq, !disable); }

core::SysStatus check_irq(word irq) {
    if (irq > max_irq) {
        return core::user_fail(core::SyscallError::range(0, max_irq),
                               "Rejecting request for IRQ %u. IRQ is out of range [0..%u].", static_cast<unsigned>(irq),
                               static_cast<unsigned>(max_irq));
    }
    return {};
}

namespace {

// seL4's ARMIRQIssueIRQHandlerTrigger: IRQControl Get's checks with the trigger between, then the
// GIC's trigger mode (edge when the word is non-zero) before the handler is issued.
core::SysStatus issue_irq_handler_trigger(const core::Message& msg, core::Slot& slot) {
    using A = core::args::ARMIRQIssueIRQHandlerTrigger;
    if (msg.length() < A::length || !msg.extra_cap(A::root)) {
        return core::fail(core::SyscallError::of(core::ErrorCode::TruncatedMessage));
    }
    word irq = msg.arg(A::irq);
    auto dest = core::irq_handler_target(irq, msg, A::root, msg.arg(A::index), msg.arg(A::depth));
    if (!dest) return core::fail(dest.error());
    gic::set_edge_triggered(irq, msg.arg(A::trigger) != 0);
    core::issue_irq_handler(irq, slot, *dest.value());
    return {};
}

constexpr word num_sgis = 16;  // seL4's NUM_SGIS on the GIC

// seL4's ARMIRQIssueSGISignal without SMP: the SGI in range, the target one the GIC accepts, an
// empty slot; the cap (SGI and target, seL4's sgi_signal_cap) a child of the IRQ control cap.
core::SysStatus issue_sgi_signal(const core::Message& msg, core::Slot& slot) {
    using A = core::args::ARMIRQIssueSGISignal;
    using core::SyscallError;
    if (msg.length() < A::length || !msg.extra_cap(A::root)) {
        return core::user_fail(SyscallError::of(core::ErrorCode::TruncatedMessage),
                               "IRQControl: IssueSGISignal: Truncated message.");
    }
    word sgi = msg.arg(A::irq), target = msg.arg(A::target);
    if (sgi >= num_sgis) {
        return core::user_fail(SyscallError::range(0, num_sgis - 1), "IRQControl: IssueSGISignal: Invalid SGI IRQ 0x%lx.",
                               sgi);
    }
    if (!gic::sgi_target_valid(target)) {
        return core::user_fail(SyscallError::invalid_argument(1), "IRQControl: IssueSGISignal: Invalid SGI Target 0x%lx.",
                               target);
    }
    auto dest = core::lookup_slot_for_cnode_op(false, msg.extra_cap(A::root)->cap, msg.arg(A::index), msg.arg(A::depth));
    if (!dest) {
        return core::user_fail(dest.error(),
                               "IRQControl: IssueSGISignal: Target slot for new ARM_SGI_Signal cap invalid: cap %lu.",
                               msg.extra_cptr(A::root));
    }
    if (core::SysStatus s = core::ensure_empty_slot(*dest.value()); !s) {
        return core::user_fail(s.error(),
                               "IRQControl: IssueSGISignal: Target slot for new ARM_SGI_Signal cap not empty: cap %lu.",
                               msg.extra_cptr(A::root));
    }
    core::cte_insert(core::Cap::arch(core::CapType::SgiSignal, sgi, target), slot, *dest.value());
    return {};
}

}  // namespace

core::SysStatus decode_irq_control(const core::Message& msg, core::Slot& slot) {
    if (msg.label() == static_cast<word>(core::InvocationLabel::ARMIRQIssueIRQHandlerTrigger)) {
        return issue_irq_handler_trigger(msg, slot);
    }
    if (msg.label() == static_cast<word>(core::InvocationLabel::ARMIRQIssueSGISignal)) return issue_sgi_signal(msg, slot);
    return core::fail(core::SyscallError::of(core::ErrorCode::IllegalOperation));
}

core::SysStatus invoke_sgi_signal(const core::Cap& cap) {
    gic::send_sgi(cap.raw0() & mask(4), cap.raw1());
    return {};
}

}  // namespace arch
