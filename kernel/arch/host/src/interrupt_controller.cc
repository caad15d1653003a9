// The simulated machine's interrupt controllers: two I/O APICs whose redirection entries the
// IRQ code (arch/x86_64/src/irq_control.cc) writes through arch/ioapic.h, a local APIC that
// counts acknowledgements, and devices that raise pins or send MSIs (host_machine.h).
#include "arch/host_machine.h"
#include "arch/interrupts.h"
#include "arch/ioapic.h"
#include <array>

namespace {

std::array<std::array<u32, arch::ioapic::max_pins>, host::sim_ioapic_count> entries;
word eois = 0;
bool pending_interrupt = false;

// A pin's vector if its entry lets the interrupt through, else 0.
word deliverable(u32 low) { return low & arch::ioapic::entry_masked ? 0 : low & 0xff; }

}  // namespace

namespace arch {

bool interrupt_pending() { return pending_interrupt; }
void ack_interrupt(word) { eois++; }
// The simulated pending-interrupt line is the kernel's timer.
bool take_pending_interrupt(word& irq) {
    if (!pending_interrupt) return false;
    pending_interrupt = false;
    irq = irq_timer;
    return true;
}

namespace ioapic {
unsigned count() { return host::sim_ioapic_count; }
unsigned pins(unsigned ioapic) { return host::sim_ioapic_pins[ioapic]; }
void map_pin(unsigned ioapic, unsigned pin, u32 low) { entries[ioapic][pin] = low; }
void mask_pin(unsigned ioapic, unsigned pin, bool masked) {
    u32& low = entries[ioapic][pin];
    low = masked ? low | entry_masked : low & ~entry_masked;
}
}  // namespace ioapic

}  // namespace arch

namespace host {

void set_interrupt_pending(bool pending) { pending_interrupt = pending; }

void reset_interrupt_controllers() {
    for (auto& pins : entries) pins.fill(arch::ioapic::entry_masked);
    eois = 0;
    pending_interrupt = false;
    arch::forget_irq_sources();
}

u32 ioapic_entry(unsigned ioapic, unsigned pin) { return entries[ioapic][pin]; }
word interrupts_acknowledged() { return eois; }

word raise_ioapic_pin(unsigned ioapic, unsigned pin) {
    word vector = deliverable(entries[ioapic][pin]);
    return vector >= arch::irq_vector_offset ? vector : 0;
}

}  // namespace host
