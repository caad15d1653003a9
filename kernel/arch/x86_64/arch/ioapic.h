// What the IRQ code (src/irq_control.cc) needs of the I/O APICs: how many there are, their pins,
// and writing a pin's redirection entry. Here the registers src/interrupts.cc maps; masking is
// inline, as it is on every interrupt's path. The host build's twin (arch/host/arch/ioapic.h)
// has the same names over a simulated controller.
#pragma once
#include "arch/ioapic_entry.h"
#include "generated/config.h"

namespace arch::ioapic {

// The I/O APICs the machine has and the pins of each (`ioapic` < count()).
unsigned count();
unsigned pins(unsigned ioapic);
// Routes `pin` to the boot CPU with the entry `low` (seL4's ioapic_map_pin_to_vector).
void map_pin(unsigned ioapic, unsigned pin, u32 low);

// An I/O APIC's registers (src/interrupts.cc sets them up) and each pin's entry as last written.
struct Registers {
    volatile u32* regs;
    unsigned pins;
    u32 low[max_pins];
};
extern Registers ioapics[config::max_num_ioapic];
constexpr unsigned reg_select = 0, reg_data = 4;  // register indices (bytes 0x00, 0x10)
constexpr u32 reg_redirection = 0x10;             // pin n's entry: low word 0x10 + 2n, high word next

inline void write_register(Registers& a, u32 reg, u32 v) {
    a.regs[reg_select] = reg;
    a.regs[reg_data] = v;
}

// Sets or clears the mask bit of the pin's entry as last written (seL4's ioapic_mask).
inline void mask_pin(unsigned ioapic, unsigned pin, bool masked) {
    Registers& a = ioapics[ioapic];
    u32 low = masked ? a.low[pin] | entry_masked : a.low[pin] & ~entry_masked;
    a.low[pin] = low;
    write_register(a, reg_redirection + 2 * pin, low);
}

}  // namespace arch::ioapic
