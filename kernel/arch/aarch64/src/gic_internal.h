// The two GIC drivers behind arch/gic.h (src/gic.cc picks one by the device tree's version).
#pragma once
#include "arch/gic.h"

namespace arch::gic {

// The registers of a region of `bytes` at physical `paddr`, mapped into the kernel's device window.
volatile u32* map_registers(word paddr, word bytes);

namespace v2 {
bool init(const fdt::Region (&regions)[2]);
void set_enabled(word irq, bool enabled);
void set_edge_triggered(word irq, bool edge);
bool acknowledge(word& irq);
void end_of_interrupt(word irq);
void send_sgi_to_self(word sgi);
void send_sgi(word sgi, word target);
}  // namespace v2

namespace v3 {
bool init(const fdt::Region (&regions)[2]);
void set_enabled(word irq, bool enabled);
void set_edge_triggered(word irq, bool edge);
bool acknowledge(word& irq);
void end_of_interrupt(word irq);
void send_sgi_to_self(word sgi);
void send_sgi(word sgi, word target);
}  // namespace v3

// The distributor registers both versions share (GICv2 and GICv3 architecture specifications:
// GICD_CTLR, GICD_TYPER, GICD_ISENABLERn, GICD_ICENABLERn, GICD_ICPENDRn, GICD_IPRIORITYRn), as
// 32-bit register indexes.
namespace gicd {
constexpr unsigned ctlr = 0x000 / 4, typer = 0x004 / 4, igroupr = 0x080 / 4, isenabler = 0x100 / 4,
                   icenabler = 0x180 / 4, icpendr = 0x280 / 4, ipriorityr = 0x400 / 4, itargetsr = 0x800 / 4,
                   icfgr = 0xc00 / 4;
// The interrupt lines the distributor implements (GICD_TYPER.ITLinesNumber), up to 1020.
inline word lines(volatile u32* d) {
    word n = 32 * ((d[typer] & 0x1f) + 1);
    return n > 1020 ? 1020 : n;
}
// Interrupts [first, end) disabled and not pending, in group 1 (`grouped`: GICv3 only; QEMU's
// GICv2 has one group) and at priority 0x80, in the registers at `d` (a distributor, or a GICv3
// redistributor's SGI frame, which has the same layout for interrupts 0..31).
void quiesce(volatile u32* d, word first, word end, bool grouped);
// Enables or disables `irq` through GICD_ISENABLERn or GICD_ICENABLERn at `d`.
inline void set_enabled(volatile u32* d, word irq, bool enabled) {
    d[(enabled ? isenabler : icenabler) + irq / 32] = static_cast<u32>(bit(irq % 32));
}
// Sets or clears `irq`'s edge bit (the upper of its two GICD_ICFGRn bits) at `d`; SGIs' are read-only.
inline void set_edge_triggered(volatile u32* d, word irq, bool edge) {
    if (irq < 16) return;
    u32 b = static_cast<u32>(bit(2 * (irq % 16) + 1));
    d[icfgr + irq / 16] = edge ? d[icfgr + irq / 16] | b : d[icfgr + irq / 16] & ~b;
}
}  // namespace gicd

}  // namespace arch::gic
