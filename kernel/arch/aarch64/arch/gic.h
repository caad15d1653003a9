// The Arm Generic Interrupt Controller the device tree names, version 2 or 3 (seL4 builds one of
// gic_v2.c and gic_v3.c; Keel's image drives either, as QEMU virt's gic-version picks). One CPU:
// every interrupt goes to it, in one group, at one priority.
#pragma once
#include "lib/fdt_facts.h"

namespace arch::gic {

// Interrupt IDs: SGIs 0..15, PPIs 16..31 (this CPU's own), SPIs from 32.
constexpr word first_spi = 32;

// Maps the controller's registers (`regions`: the distributor, then the CPU interface of a GICv2
// or the redistributors of a GICv3) and starts it with every interrupt disabled. False when the
// version is neither or its registers do not fit the kernel's device window.
bool init(u32 version, const fdt::Region (&regions)[2]);
// The physical registers init mapped (the distributor's, then the CPU interface's or the
// redistributor's), which device untypeds leave out.
const fdt::Region (&kernel_regions())[2];
// Whether interrupt `irq` may be signalled.
void set_enabled(word irq, bool enabled);
// The trigger mode of PPI or SPI `irq` (GICD_ICFGRn, a GICv3's PPIs at the redistributor): edge or
// level; an SGI's is fixed.
void set_edge_triggered(word irq, bool edge);
// Acknowledges the highest-priority pending interrupt (its state becomes active): false when
// none is pending (a spurious interrupt).
bool acknowledge(word& irq);
// Ends the handling of an acknowledged interrupt.
void end_of_interrupt(word irq);
// Raises software-generated interrupt `sgi` (0..15) on this CPU alone.
void send_sgi_to_self(word sgi);
// seL4's plat_SGITargetValid and plat_sendSGI: a target is a CPU interface number below 8 on a
// GICv2, an affinity (Aff0 with its range selector, Aff1, Aff2, Aff3 a byte each) on a GICv3.
bool sgi_target_valid(word target);
void send_sgi(word sgi, word target);

}  // namespace arch::gic
