// The local APIC (the kernel tick, acknowledgements, pending-interrupt checks), the I/O APICs
// (interrupts for user drivers) and the x86 IRQControl invocations; the PIT serves only as a
// stopwatch to measure the TSC and the APIC timer.
#include "arch/interrupts.h"
#include "arch/cpu.h"
#include "arch/vspace.h"
#include "cspace/cte.h"
#include "cspace/lookup.h"
#include "generated/config.h"
#include "generated/invocations.h"
#include "object/interrupt.h"

namespace arch {
namespace {

using core::ErrorCode;
using core::fail;
using core::SysStatus;
using core::SyscallError;
using L = core::InvocationLabel;

// --- the PIT as a 10 ms stopwatch -------------------------------------------------------------

enum : u16 { pit_channel2 = 0x42, pit_command = 0x43, port_b = 0x61 };
constexpr unsigned pit_hz = 1193182;

// How far `counter` advances in 10 ms of PIT channel 2 (gated on, speaker off, one-shot).
template <typename Counter>
u64 count_over_10ms(Counter counter) {
    constexpr u16 ten_ms = pit_hz / 100;
    cpu::outb(port_b, static_cast<u8>((cpu::inb(port_b) & ~0x02) | 0x01));
    cpu::outb(pit_command, 0xb0);  // channel 2, low then high byte, interrupt on terminal count
    cpu::outb(pit_channel2, ten_ms & 0xff);
    cpu::outb(pit_channel2, ten_ms >> 8);
    u64 start = counter();
    while (!(cpu::inb(port_b) & 0x20)) {
    }
    return counter() - start;
}

// --- the local APIC (xAPIC mode) ---------------------------------------------------------------

enum : word {
    lapic_id = 0x20, lapic_tpr = 0x80, lapic_eoi = 0xb0, lapic_svr = 0xf0, lapic_irr = 0x200, lapic_lvt_lint0 = 0x350, lapic_lvt_lint1 = 0x360,
    lapic_lvt_timer = 0x320, lapic_timer_initial = 0x380, lapic_timer_current = 0x390, lapic_timer_divide = 0x3e0,
};
constexpr u32 svr_enable = bit(8), lvt_masked = bit(16), lvt_periodic = bit(17);
constexpr u32 timer_divide_by_16 = 3;
constexpr u32 msr_apic_base = 0x1b;
constexpr word apic_base_enable = bit(11);

volatile u32* lapic = nullptr;
u32 boot_cpu_apic_id = 0;

u32 lapic_read(word reg) { return lapic[reg / 4]; }
void lapic_write(word reg, u32 v) { lapic[reg / 4] = v; }

// --- the I/O APICs -----------------------------------------------------------------------------

constexpr unsigned ioapic_select = 0, ioapic_data = 4;  // register indices (bytes 0x00, 0x10)
constexpr u32 ioapic_version = 1, ioapic_redirection = 0x10;
constexpr u32 redirection_masked = bit(16);
constexpr unsigned redirection_level_shift = 15, redirection_polarity_shift = 13;
constexpr unsigned max_pins = 240;  // seL4's IOAPIC_IRQ_LINES

struct IoApic {
    volatile u32* regs;
    unsigned pins;
    u32 low[max_pins];  // each pin's redirection entry (low word) as last written
};
IoApic ioapics[config::max_num_ioapic];
unsigned num_ioapics = 0;

u32 ioapic_read(IoApic& a, u32 reg) {
    a.regs[ioapic_select] = reg;
    return a.regs[ioapic_data];
}

void ioapic_write(IoApic& a, u32 reg, u32 v) {
    a.regs[ioapic_select] = reg;
    a.regs[ioapic_data] = v;
}

// Routes `pin` to the boot CPU with the redirection entry `low` (vector, trigger, polarity, mask).
void set_redirection(IoApic& a, unsigned pin, u32 low) {
    ioapic_write(a, ioapic_redirection + 2 * pin + 1, boot_cpu_apic_id << 24);
    a.low[pin] = low;
    ioapic_write(a, ioapic_redirection + 2 * pin, low);
}

void init_ioapic(IoApic& a, word paddr) {
    a.regs = static_cast<volatile u32*>(map_kernel_device(paddr));
    a.pins = ((ioapic_read(a, ioapic_version) >> 16) & 0xff) + 1;
    if (a.pins > max_pins) a.pins = max_pins;
    for (unsigned pin = 0; pin < a.pins; pin++) set_redirection(a, pin, redirection_masked);
}

// Where each IRQ comes from, so it can be masked (seL4's x86KSIRQState).
struct IrqSource {
    enum class Kind : u8 { Free, IoApic, Msi } kind;
    u8 ioapic, pin;
};
IrqSource sources[max_irq + 1];

// --- the x86 IRQControl invocations ------------------------------------------------------------

// GetIOAPIC's pin and trigger (seL4's ioapic_decode_map_pin_to_vector).
SysStatus check_ioapic_pin(word ioapic, word pin, word level, word polarity) {
    if (num_ioapics == 0) return fail(SyscallError::of(ErrorCode::IllegalOperation));
    if (ioapic >= num_ioapics) return fail(SyscallError::range(0, num_ioapics - 1));
    if (pin >= ioapics[ioapic].pins) return fail(SyscallError::range(0, ioapics[ioapic].pins - 1));
    if (level > 1 || polarity > 1) return fail(SyscallError::range(0, 1));
    return {};
}

SysStatus issue_ioapic_handler(const core::Message& msg, word irq, core::Slot& control, core::Slot& dest) {
    using A = core::args::X86IRQIssueIRQHandlerIOAPIC;
    word ioapic = msg.arg(A::ioapic), pin = msg.arg(A::pin), level = msg.arg(A::level), polarity = msg.arg(A::polarity);
    if (SysStatus s = check_ioapic_pin(ioapic, pin, level, polarity); !s) return s;
    u32 low = redirection_masked | static_cast<u32>(level << redirection_level_shift) |
              static_cast<u32>(polarity << redirection_polarity_shift) | static_cast<u32>(irq + irq_vector_offset);
    set_redirection(ioapics[ioapic], static_cast<unsigned>(pin), low);
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

void init_interrupt_controllers(const boot::MadtInfo& madt) {
    word lapic_paddr = madt.lapic_paddr ? madt.lapic_paddr : round_down(cpu::rdmsr(msr_apic_base), 12);
    cpu::wrmsr(msr_apic_base, cpu::rdmsr(msr_apic_base) | apic_base_enable);
    lapic = static_cast<volatile u32*>(map_kernel_device(lapic_paddr));
    lapic_write(lapic_svr, svr_enable | spurious_vector);
    lapic_write(lapic_tpr, 0);
    lapic_write(lapic_lvt_lint0, lvt_masked);  // no interrupts from the (masked) 8259s in virtual-wire mode
    lapic_write(lapic_lvt_lint1, lvt_masked);  // nor NMIs from the LINT1 pin, as seL4's apic_init
    boot_cpu_apic_id = lapic_read(lapic_id) >> 24;
    num_ioapics = madt.num_ioapics;
    for (unsigned i = 0; i < num_ioapics; i++) init_ioapic(ioapics[i], madt.ioapic_paddrs[i]);
}

void init_timer() {
    lapic_write(lapic_timer_divide, timer_divide_by_16);
    lapic_write(lapic_lvt_timer, lvt_masked);
    lapic_write(lapic_timer_initial, ~u32{0});
    u64 per_10ms = count_over_10ms([] { return u64{~u32{0}} - lapic_read(lapic_timer_current); });
    lapic_write(lapic_lvt_timer, lvt_periodic | static_cast<u32>(irq_timer + irq_vector_offset));
    lapic_write(lapic_timer_initial, static_cast<u32>(per_10ms * config::timer_tick_ms / 10));
}

u32 calibrate_tsc_mhz() { return static_cast<u32>(count_over_10ms(cpu::rdtsc) / 10000); }

// Any vector from 32 up requested and not yet taken (IRR registers 1 to 7).
bool interrupt_pending() {
    for (word reg = 1; reg < 8; reg++) {
        if (lapic_read(lapic_irr + 0x10 * reg)) return true;
    }
    return false;
}

namespace {
bool polling = false;      // inside take_pending_interrupt's window
word polled_vector = 0;    // the vector taken in it, 0 for none
}  // namespace

bool take_pending_interrupt(word& irq) {
    polled_vector = 0;
    polling = true;
    asm volatile("sti; nop; cli" ::: "memory");  // sti holds interrupts off for one instruction
    polling = false;
    if (polled_vector < irq_vector_offset || polled_vector == spurious_vector) return false;
    irq = polled_vector - irq_vector_offset;
    return true;
}

bool note_polled_interrupt(Context& c) {
    if (!polling) return false;
    polled_vector = c.vector;
    c.rflags &= ~rflags_if;
    return true;
}

void mask_interrupt(bool disable, word irq) {
    if (irq < irq_user_min || irq > irq_user_max || sources[irq].kind != IrqSource::Kind::IoApic) return;
    IoApic& a = ioapics[sources[irq].ioapic];
    unsigned pin = sources[irq].pin;
    u32 low = disable ? a.low[pin] | redirection_masked : a.low[pin] & ~redirection_masked;
    a.low[pin] = low;
    ioapic_write(a, ioapic_redirection + 2 * pin, low);
}

void ack_interrupt(word) { lapic_write(lapic_eoi, 0); }

SysStatus check_irq(word) { return fail(SyscallError::of(ErrorCode::IllegalOperation)); }

SysStatus decode_irq_control(const core::Message& msg, core::Slot& slot) {
    using A = core::args::X86IRQIssueIRQHandlerIOAPIC;  // GetMSI's index, depth and vector are in the same words
    auto label = static_cast<L>(msg.label());
    if (label != L::X86IRQIssueIRQHandlerIOAPIC && label != L::X86IRQIssueIRQHandlerMSI) {
        return fail(SyscallError::of(ErrorCode::IllegalOperation));
    }
    if (msg.length() < A::length || !msg.extra_cap(A::root)) return fail(SyscallError::of(ErrorCode::TruncatedMessage));
    word irq = msg.arg(A::vector);
    if (irq > irq_user_max - irq_user_min) return fail(SyscallError::range(0, irq_user_max - irq_user_min));
    irq += irq_user_min;
    if (core::irq_active(irq)) return fail(SyscallError::of(ErrorCode::RevokeFirst));
    auto dest = core::lookup_slot_for_cnode_op(false, msg.extra_cap(A::root)->cap, msg.arg(A::index), msg.arg(A::depth));
    if (!dest) return fail(dest.error());
    if (SysStatus s = core::ensure_empty_slot(*dest.value()); !s) return s;
    if (label == L::X86IRQIssueIRQHandlerIOAPIC) return issue_ioapic_handler(msg, irq, slot, *dest.value());
    return issue_msi_handler(msg, irq, slot, *dest.value());
}

}  // namespace arch
