// The x86 IRQControl invocations (GetIOAPIC, GetMSI) and where each IRQ comes from, so it can be
// masked (seL4's arch/x86/object/interrupt.c and x86KSIRQState). Runs in the kernel and in the
// host build: the I/O APICs are reached through arch/ioapic.h only.
#include "arch/interrupts.h"
#include "arch/ioapic.h"
#include "cspace/cte.h"
#include "cspace/lookup.h"
#include "generated/invocations.h"
#include "kernel/user_error.h"
#include "object/interrupt.h"

namespace arch {
namespace {

using core::ErrorCode;
using core::fail;
using core::SysStatus;
using core::SyscallError;
using core::user_fail;
using L = core::InvocationLabel;

IrqSource sources[max_irq + 1];

// GetIOAPIC's pin and trigger (seL4's ioapic_decode_map_pin_to_vector).
SysStatus check_ioapic_pin(word ioapic, word pin, word level, word polarity) {
    if (ioapic::count() == 0) return user_fail(SyscallError::of(ErrorCode::IllegalOperation), "System has no IOAPICs");
    if (ioapic >= ioapic::count()) {
        return user_fail(SyscallError::range(0, ioapic::count() - 1), "Invalid IOAPIC %ld, only have %ld",
                         static_cast<long>(ioapic), static_cast<long>(ioapic::count()));
    }
    unsigned pins = ioapic::pins(static_cast<unsigned>(ioapic));
    if (pin >= pins) {
        return user_fail(SyscallError::range(0, pins - 1), "Invalid IOAPIC pin %ld, there are %d pins",
                         static_cast<long>(pin), static_cast<int>(pins));
    }
    if (level > 1) {
        return user_fail(SyscallError::range(0, 1), "Level should be 0 or 1, not %d", static_cast<int>(level));
    }
    if (polarity > 1) {
        return user_fail(SyscallError::range(0, 1), "Polarity should be 0 or 1, not %d", static_cast<int>(polarity));
    }
    return {};
}

SysStatus issue_ioapic_handler(const core::Message& msg, word irq, core::Slot& control, core::Slot& dest) {
    using A = core::args::X86IRQIssueIRQHandlerIOAPIC;
    word ioapic = msg.arg(A::ioapic), pin = msg.arg(A::pin), level = msg.arg(A::level), polarity = msg.arg(A::polarity);
    if (SysStatus s = check_ioapic_pin(ioapic, pin, level, polarity); !s) return s;
    u32 low = ioapic::entry_masked | static_cast<u32>(level << ioapic::entry_level_shift) |
              static_cast<u32>(polarity << ioapic::entry_polarity_shift) | static_cast<u32>(irq + irq_vector_offset);
    ioapic::map_pin(static_cast<unsigned>(ioapic), static_cast<unsigned>(pin), low);
    sources[irq] = {IrqSource::Kind::IoApic, static_cast<u8>(ioapic), static_cast<u8>(pin)};
    core::issue_irq_handler(irq, control, dest);
    return {};
}

// GetMSI: the kernel only checks the PCI address; the driver programs the device with the vector.
SysStatus issue_msi_handler(const core::Message& msg, word irq, core::Slot& control, core::Slot& dest) {
    using A = core::args::X86IRQIssueIRQHandlerMSI;
    constexpr word pci_bus_max = 255, pci_dev_max = 31, pci_func_max = 7;
    if (msg.arg(A::pci_bus) > pci_bus_max) return fail(SyscallError::range(0, pci_bus_max));
    if (msg.arg(A::pci_dev) > pci_dev_max) return fail(SyscallError::range(0, pci_dev_max));
    if (msg.arg(A::pci_func) > pci_func_max) return fail(SyscallError::range(0, pci_func_max));
    sources[irq] = {IrqSource::Kind::Msi, 0, 0};
    core::issue_irq_handler(irq, control, dest);
    return {};
}

}  // namespace

// Only I/O APIC pins can be masked (seL4's maskInterrupt: MSIs cannot, free IRQs are ignored).
void mask_interrupt(bool disable, word irq) {
    if (irq < irq_user_min || irq > irq_user_max || sources[irq].kind != IrqSource::Kind::IoApic) return;
    ioapic::mask_pin(sources[irq].ioapic, sources[irq].pin, disable);
}

// Only the I/O APIC's handlers: seL4 with CONFIG_IRQ_IOAPIC refuses IRQControl_Get.
SysStatus check_irq(word) {
    return user_fail(SyscallError::of(ErrorCode::IllegalOperation), "IRQControl: Illegal operation");
}

SysStatus decode_irq_control(const core::Message& msg, core::Slot& slot) {
    using A = core::args::X86IRQIssueIRQHandlerIOAPIC;  // GetMSI's index, depth and vector are in the same words
    auto label = static_cast<L>(msg.label());
    if (label != L::X86IRQIssueIRQHandlerIOAPIC && label != L::X86IRQIssueIRQHandlerMSI) {
        return user_fail(SyscallError::of(ErrorCode::IllegalOperation), "IRQControl: Illegal operation");
    }
    if (msg.length() < A::length || !msg.extra_cap(A::root)) {
        return user_fail(SyscallError::of(ErrorCode::TruncatedMessage), "IRQControl: Truncated message");
    }
    word irq = msg.arg(A::vector);
    if (irq > irq_user_max - irq_user_min) {
        return user_fail(SyscallError::range(0, irq_user_max - irq_user_min),
                         "IRQControl: Invalid irq %ld should be between 0-%ld",
                         static_cast<long>(irq), static_cast<long>(irq_user_max - irq_user_min));
    }
    irq += irq_user_min;
    if (core::irq_active(irq)) {
        return user_fail(SyscallError::of(ErrorCode::RevokeFirst),
                         "IRQControl: IRQ %d is already active.", static_cast<int>(irq));
    }
    auto dest = core::lookup_slot_for_cnode_op(false, msg.extra_cap(A::root)->cap, msg.arg(A::index), msg.arg(A::depth));
    if (!dest) return fail(dest.error());
    if (SysStatus s = core::ensure_empty_slot(*dest.value()); !s) return s;
    if (label == L::X86IRQIssueIRQHandlerIOAPIC) return issue_ioapic_handler(msg, irq, slot, *dest.value());
    return issue_msi_handler(msg, irq, slot, *dest.value());
}

const IrqSource& irq_source(word irq) { return sources[irq]; }

void forget_irq_sources() {
    for (IrqSource& s : sources) s = {};
}

}  // namespace arch
