// GICv2 (Arm IHI 0048B): the distributor and the memory-mapped CPU interface. QEMU virt's has no
// security extensions: one group, enabled by bit 0 of GICD_CTLR and GICC_CTLR.
#include "gic_internal.h"

namespace arch::gic::v2 {
namespace {

// GICC_CTLR, GICC_PMR, GICC_BPR, GICC_IAR, GICC_EOIR as 32-bit register indexes.
constexpr unsigned gicc_ctlr = 0x00 / 4, gicc_pmr = 0x04 / 4, gicc_bpr = 0x08 / 4, gicc_iar = 0x0c / 4,
                   gicc_eoir = 0x10 / 4;
constexpr u32 interrupt_id_mask = 0x3ff;
constexpr unsigned gicd_sgir = 0xf00 / 4;
constexpr u32 sgir_to_self = u32{2} << 24;  // TargetListFilter 0b10: the requesting CPU only
constexpr word first_special_id = 1020;  // 1020..1023: none pending (1023) or reserved

constinit volatile u32* distributor = nullptr;
constinit volatile u32* cpu_interface = nullptr;

}  // namespace

bool init(const fdt::Region (&regions)[2]) {
    distributor = map_registers(regions[0].base, 0x1000);  // the registers Keel uses: the first page
    cpu_interface = map_registers(regions[1].base, 0x1000);
    if (!distributor || !cpu_interface) return false;
    distributor[gicd::ctlr] = 0;
    gicd::quiesce(distributor, 0, gicd::lines(distributor), false);
    // Every SPI to CPU interface 0 (the banked targets of SGIs and PPIs are read-only).
    for (word irq = first_spi; irq < gicd::lines(distributor); irq += 4) distributor[gicd::itargetsr + irq / 4] = 0x01010101;
    distributor[gicd::ctlr] = 1;
    cpu_interface[gicc_pmr] = 0xff;  // every priority passes
    cpu_interface[gicc_bpr] = 0;
    cpu_interface[gicc_ctlr] = 1;
    return true;
}

void set_enabled(word irq, bool enabled) { gicd::set_enabled(distributor, irq, enabled); }

void set_edge_triggered(word irq, bool edge) { gicd::set_edge_triggered(distributor, irq, edge); }

bool acknowledge(word& irq) {
    irq = cpu_interface[gicc_iar] & interrupt_id_mask;
    return irq < first_special_id;
}

// One CPU: an SGI's source CPU ID, the IAR bits GICC_EOIR must echo, is always 0.
void end_of_interrupt(word irq) { cpu_interface[gicc_eoir] = static_cast<u32>(irq); }

// GICD_SGIR with TargetListFilter 0: the CPU interfaces in the target list (bits 23:16).
void send_sgi(word sgi, word target) { distributor[gicd_sgir] = static_cast<u32>(bit(target) << 16 | (sgi & 0xf)); }

void send_sgi_to_self(word sgi) { distributor[gicd_sgir] = sgir_to_self | static_cast<u32>(sgi & 0xf); }

}  // namespace arch::gic::v2
