// The PLIC (external interrupts, sources 1..plic_max_irq) and the SBI timer (the kernel's tick),
// as seL4's RISC-V hardware.c and plic.h drive them, for hart 0 in supervisor mode.
#include "arch/interrupts.h"
#include "arch/csr.h"
#include "arch/sbi.h"
#include "arch/vspace.h"
#include "generated/config.h"
#include "generated/invocations.h"
#include "kernel/user_error.h"
#include "object/interrupt.h"

namespace arch {
namespace {

// SiFive PLIC register layout, by context: hart h's supervisor context is 2h + 1 on QEMU virt.
constexpr word plic_priority = 0;
constexpr word plic_enable(word context) { return 0x2000 + 0x80 * context; }
constexpr word plic_threshold(word context) { return 0x200000 + 0x1000 * context; }
constexpr word plic_claim(word context) { return plic_threshold(context) + 4; }

volatile u32* plic = nullptr;
word plic_context = 1;
u64 tick_interval = 0;

volatile u32& plic_register(word offset) { return plic[offset / 4]; }

void set_next_tick() { sbi::set_timer(csr::time() + tick_interval); }

}  // namespace

void init_interrupt_controller(word plic_base, word hart_id) {
    plic = static_cast<volatile u32*>(phys_to_ptr(plic_base));
    plic_context = 2 * hart_id + 1;
    for (word irq = 1; irq <= plic_max_irq; irq++) {
        mask_interrupt(true, irq);
        plic_register(plic_priority + 4 * irq) = 2;  // as seL4's plic_init_controller
    }
    plic_register(plic_threshold(plic_context)) = 0;
    csr::set_sie(csr::sie_seie);
}

namespace {
u64 ticks_per_us = 1;
}  // namespace

u64 us_to_ticks(u64 us) { return us * ticks_per_us; }
u64 ticks_to_us(u64 t) { return t / ticks_per_us; }
u64 max_us_to_ticks() { return ~u64{0} / ticks_per_us; }

void set_timebase(u64 timebase_hz) { ticks_per_us = timebase_hz / 1000000; }

void init_timer(u64 timebase_hz) {
    tick_interval = timebase_hz * config::keel_timer_tick_ms / 1000;
    if (!config::kernel_mcs) set_next_tick();
    csr::set_sie(csr::sie_stie);
}

u64 current_time() { return csr::time(); }

void set_deadline(u64 deadline) { sbi::set_timer(deadline); }

bool interrupt_pending() { return (csr::read_sip() & (csr::sip_stip | csr::sip_seip)) != 0; }

// External interrupts first, then the timer, as seL4's getActiveIRQ. On QEMU virt seL4 completes
// a claim at once (QEMU's PLIC needs it); the source stays enabled (irq_masked_until_ack).
bool take_pending_interrupt(word& irq) {
    word sip = csr::read_sip();
    if (sip & csr::sip_seip) {
        irq = plic_register(plic_claim(plic_context));
        if (irq != irq_invalid) plic_register(plic_claim(plic_context)) = static_cast<u32>(irq);
        return irq != irq_invalid;
    }
    if (!(sip & csr::sip_stip)) return false;
    irq = irq_timer;
    return true;
}

// The timer's next tick; an external source was completed when it was claimed.
void ack_interrupt(word irq) {
    if (irq == irq_timer && !config::kernel_mcs) set_next_tick();
}

void mask_interrupt(bool disable, word irq) {
    if (irq == irq_invalid || irq > plic_max_irq) return;
    volatile u32& word_ = plic_register(plic_enable(plic_context) + 4 * (irq / 32));
    u32 b = u32{1} << (irq % 32);
    word_ = disable ? word_ & ~b : word_ | b;
}

core::SysStatus check_irq(word irq) {
    if (irq > max_irq || irq == irq_invalid) {
        return core::user_fail(core::SyscallError::range(1, max_irq),
                               "Rejecting request for IRQ %u. IRQ is out of range [1..%u].", static_cast<unsigned>(irq),
                               static_cast<unsigned>(max_irq));
    }
    return {};
}

// seL4's Arch_decodeIRQControlInvocation on RISC-V: IssueIRQHandlerTrigger, checked as IRQControl
// Get is (core::decode_irq_control) with the trigger between. QEMU virt's PLIC driver in seL4
// (drivers/irq/riscv_plic0.h) has HAVE_SET_TRIGGER with a setter that does nothing, so the
// trigger is accepted and ignored, the PLIC left as it is.
core::SysStatus decode_irq_control(const core::Message& msg, core::Slot& slot) {
    using A = core::args::RISCVIRQIssueIRQHandlerTrigger;
    using core::SyscallError;
    if (msg.label() != static_cast<word>(core::InvocationLabel::RISCVIRQIssueIRQHandlerTrigger)) {
        return core::fail(SyscallError::of(core::ErrorCode::IllegalOperation));
    }
    if (msg.length() < A::length || !msg.extra_cap(A::root)) {
        return core::fail(SyscallError::of(core::ErrorCode::TruncatedMessage));
    }
    word irq = msg.arg(A::irq);
    auto dest = core::irq_handler_target(irq, msg, A::root, msg.arg(A::index), msg.arg(A::depth));
    if (!dest) return core::fail(dest.error());
    core::issue_irq_handler(irq, slot, *dest.value());
    return {};
}

}  // namespace arch
