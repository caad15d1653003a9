// The GIC of the device tree's version (arch/gic.h), and what both drivers share.
#include "arch/kernel_devices.h"
#include "gic_internal.h"

namespace arch::gic {
namespace {
constinit u32 version = 0;
constinit fdt::Region mapped[2] = {};
constinit unsigned mapped_count = 0;
}  // namespace

volatile u32* map_registers(word paddr, word bytes) {
    if (!is_aligned(paddr, 12) || mapped_count == 2) return nullptr;
    mapped[mapped_count++] = {paddr, round_up(bytes, 12)};
    return map_kernel_device(paddr, static_cast<unsigned>(round_up(bytes, 12) >> 12));
}

const fdt::Region (&kernel_regions())[2] { return mapped; }

void gicd::quiesce(volatile u32* d, word first, word end, bool grouped) {
    for (word irq = first; irq < end; irq += 32) {
        d[icenabler + irq / 32] = ~u32{0};
        d[icpendr + irq / 32] = ~u32{0};
        if (grouped) d[igroupr + irq / 32] = ~u32{0};
    }
    for (word irq = first; irq < end; irq += 4) d[ipriorityr + irq / 4] = 0x80808080;
}

bool init(u32 v, const fdt::Region (&regions)[2]) {
    version = v;
    return v == 2 ? v2::init(regions) : v == 3 ? v3::init(regions) : false;
}

void set_enabled(word irq, bool enabled) {
    if (version == 2) v2::set_enabled(irq, enabled);
    if (version == 3) v3::set_enabled(irq, enabled);
}

void set_edge_triggered(word irq, bool edge) {
    if (version == 2) v2::set_edge_triggered(irq, edge);
    if (version == 3) v3::set_edge_triggered(irq, edge);
}

bool acknowledge(word& irq) {
    if (version == 2) return v2::acknowledge(irq);
    return version == 3 && v3::acknowledge(irq);
}

void end_of_interrupt(word irq) {
    if (version == 2) v2::end_of_interrupt(irq);
    if (version == 3) v3::end_of_interrupt(irq);
}

bool sgi_target_valid(word target) { return version == 2 ? target <= 7 : target <= 0xffffffff; }

void send_sgi(word sgi, word target) {
    if (version == 2) v2::send_sgi(sgi, target);
    if (version == 3) v3::send_sgi(sgi, target);
}

void send_sgi_to_self(word sgi) {
    if (version == 2) v2::send_sgi_to_self(sgi);
    if (version == 3) v3::send_sgi_to_self(sgi);
}

}  // namespace arch::gic
