// The interrupt hardware: the local APIC (the kernel tick, acknowledgements, pending-interrupt
// checks) and the I/O APICs (arch/ioapic.h: pins routed to user drivers' vectors); the PIT serves
// only as a stopwatch to measure the TSC and the APIC timer. The IRQ invocations that program
// them are src/irq_control.cc.
#include "arch/interrupts.h"
#include "arch/cpu.h"
#include "arch/vspace.h"
#include "arch/ioapic.h"
#include "generated/config.h"
#include "kernel/console.h"

namespace arch {
namespace {

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
constexpr u32 svr_enable = bit(8), lvt_masked = bit(16), lvt_periodic = bit(17), lvt_tsc_deadline = bit(18);
constexpr u32 timer_divide_by_16 = 3, timer_divide_by_1 = 0xb;
constexpr u32 msr_tsc_deadline = 0x6e0;
constexpr u32 cpuid_ecx_tsc_deadline = bit(24);
constexpr u32 msr_apic_base = 0x1b;
constexpr word apic_base_enable = bit(11);

volatile u32* lapic = nullptr;
u32 boot_cpu_apic_id = 0;

u32 lapic_read(word reg) { return lapic[reg / 4]; }
void lapic_write(word reg, u32 v) { lapic[reg / 4] = v; }

// --- the I/O APICs (arch/ioapic.h) --------------------------------------------------------------

using ioapic::Registers;
using ioapic::write_register;
constexpr u32 ioapic_version = 1;
unsigned num_ioapics = 0;

u32 ioapic_read(Registers& a, u32 reg) {
    a.regs[ioapic::reg_select] = reg;
    return a.regs[ioapic::reg_data];
}

// Routes `pin` to the boot CPU with the redirection entry `low` (vector, trigger, polarity, mask).
void set_redirection(Registers& a, unsigned pin, u32 low) {
    write_register(a, ioapic::reg_redirection + 2 * pin + 1, boot_cpu_apic_id << 24);
    a.low[pin] = low;
    write_register(a, ioapic::reg_redirection + 2 * pin, low);
}

void init_ioapic(Registers& a, word paddr) {
    a.regs = static_cast<volatile u32*>(map_kernel_device(paddr));
    a.pins = ((ioapic_read(a, ioapic_version) >> 16) & 0xff) + 1;
    if (a.pins > ioapic::max_pins) a.pins = ioapic::max_pins;
    for (unsigned pin = 0; pin < a.pins; pin++) set_redirection(a, pin, ioapic::entry_masked);
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
    for (unsigned i = 0; i < num_ioapics; i++) init_ioapic(ioapic::ioapics[i], madt.ioapic_paddrs[i]);
}

namespace {

u32 tsc_mhz = 1;
// MCS: TSC cycles per APIC timer tick (seL4's x86KSapicRatio), 0 in TSC-deadline mode. seL4
// takes a ratio of 0 for that mode; a TSC slower than the APIC timer (QEMU -icount: both at 1 GHz,
// the TSC just below) would make it 0 too, so Keel rounds it up to 1 there.
u64 apic_ratio = 0;

// How far the APIC timer counts down in 10 ms with `divide`.
u64 apic_ticks_over_10ms(u32 divide) {
    lapic_write(lapic_timer_divide, divide);
    lapic_write(lapic_lvt_timer, lvt_masked);
    lapic_write(lapic_timer_initial, ~u32{0});
    return count_over_10ms([] { return u64{~u32{0}} - lapic_read(lapic_timer_current); });
}

void init_periodic_timer() {
    u64 per_10ms = apic_ticks_over_10ms(timer_divide_by_16);
    lapic_write(lapic_lvt_timer, lvt_periodic | static_cast<u32>(irq_timer + irq_vector_offset));
    lapic_write(lapic_timer_initial, static_cast<u32>(per_10ms * config::keel_timer_tick_ms / 10));
}

void init_one_shot_timer() {
    u32 mode = lvt_tsc_deadline;
    if (!(cpu::cpuid(1, 0).ecx & cpuid_ecx_tsc_deadline)) {
        u64 apic_khz = apic_ticks_over_10ms(timer_divide_by_1) / 10;
        apic_ratio = u64{tsc_mhz} * 1000 / apic_khz ? u64{tsc_mhz} * 1000 / apic_khz : 1;
        core::kprintf("Apic Khz %lu, TSC Mhz %lu, ratio %lu\n", apic_khz, u64{tsc_mhz}, apic_ratio);  // as seL4 says it
        mode = 0;
    }
    lapic_write(lapic_lvt_timer, mode | static_cast<u32>(irq_timer + irq_vector_offset));
}

}  // namespace

void init_timer() {
    if (config::kernel_mcs) return init_one_shot_timer();
    init_periodic_timer();
}

u64 current_time() { return cpu::rdtsc(); }

// In one-shot mode, the time left in APIC timer ticks: at least one, at most the counter's range.
void set_deadline(u64 deadline) {
    if (!apic_ratio) return cpu::wrmsr(msr_tsc_deadline, deadline);
    u64 now = current_time();
    u64 left = deadline > now ? (deadline - now) / apic_ratio : 0;
    lapic_write(lapic_timer_initial, static_cast<u32>(left < 1 ? 1 : left > ~u32{0} ? ~u32{0} : left));
}

u32 calibrate_tsc_mhz() {
    tsc_mhz = static_cast<u32>(count_over_10ms(cpu::rdtsc) / 10000);
    return tsc_mhz;
}

u64 us_to_ticks(u64 us) { return us * tsc_mhz; }
u64 ticks_to_us(u64 t) { return t / tsc_mhz; }
u64 max_us_to_ticks() { return ~u64{0} / tsc_mhz; }

// Any IRQ's vector requested and not yet taken: the 32-bit IRR registers holding vectors 32 to
// the timer's, as seL4's apic_is_interrupt_pending reads them (registers 1 to 4).
bool interrupt_pending() {
    for (word reg = irq_vector_offset / 32; reg <= (max_irq + irq_vector_offset) / 32; reg++) {
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
    // As seL4's getActiveIRQ: the spurious vector too is an IRQ number, above max_irq, which
    // handle_interrupt reports and acknowledges.
    if (polled_vector < irq_vector_offset) return false;
    irq = polled_vector - irq_vector_offset;
    return true;
}

bool note_polled_interrupt(Context& c) {
    if (!polling) return false;
    polled_vector = c.vector;
    c.rflags &= ~rflags_if;
    return true;
}

void ack_interrupt(word) { lapic_write(lapic_eoi, 0); }

namespace ioapic {

Registers ioapics[config::max_num_ioapic];

unsigned count() { return num_ioapics; }
unsigned pins(unsigned ioapic) { return ioapics[ioapic].pins; }
void map_pin(unsigned ioapic, unsigned pin, u32 low) { set_redirection(ioapics[ioapic], pin, low); }

}  // namespace ioapic

}  // namespace arch
