// GICv3 (Arm IHI 0069): the distributor, this CPU's redistributor and the system-register CPU
// interface (ICC_*_EL1). QEMU virt (secure=off) has one security state (GICD_CTLR.DS): group 1
// interrupts, affinity routing on.
#include "gic_internal.h"

namespace arch::gic::v3 {
namespace {

constexpr u32 ctlr_enable_grp1 = bit(1), ctlr_are = bit(4);
constexpr u32 ctlr_rwp = bit(31);  // a write to GICD_CTLR or an ICENABLER is still taking effect
constexpr unsigned gicd_irouter = 0x6000 / 4;  // 64-bit GICD_IROUTERn, one per SPI
// The redistributor's two 64 KiB frames: RD_base (GICR_CTLR, GICR_WAKER) and SGI_base (the
// SGI and PPI registers, laid out as the distributor's first ones).
constexpr word rd_frame_bytes = 0x10000;
// What seL4 maps and keeps from device untypeds (tools/hardware.yml's kernel_size for arm,gic-v3):
// the device tree's range, at most 64 KiB of distributor and 1 MiB of redistributors (eight CPUs').
constexpr word gicd_kernel_bytes = 0x10000, gicr_kernel_bytes = 0x100000;
constexpr unsigned gicr_ctlr = 0x0000 / 4, gicr_waker = 0x0014 / 4;
constexpr u32 waker_processor_sleep = bit(1), waker_children_asleep = bit(2);
constexpr u32 interrupt_id_mask = 0xffffff;
constexpr word first_special_id = 1020;

constinit volatile u32* distributor = nullptr;
constinit volatile u32* redistributor = nullptr;
constinit volatile u32* sgi_frame = nullptr;

word kernel_bytes(const fdt::Region& r, word most) { return r.size < most ? r.size : most; }

void wait_while(volatile u32& reg, u32 bits) {
    while (reg & bits) {
    }
}

u64 read_mpidr() {
    u64 mpidr;
    asm volatile("mrs %0, mpidr_el1" : "=r"(mpidr));
    return mpidr;
}

// This CPU's affinity (MPIDR_EL1's Aff0..Aff3) as GICD_IROUTERn holds it, routing mode 0.
u64 this_cpu_route() {
    u64 mpidr = read_mpidr();
    return (mpidr & 0xffffff) | ((mpidr >> 32 & 0xff) << 32);
}

void init_distributor() {
    distributor[gicd::ctlr] = 0;
    wait_while(distributor[gicd::ctlr], ctlr_rwp);
    word lines = gicd::lines(distributor);
    gicd::quiesce(distributor, first_spi, lines, true);
    u64 route = this_cpu_route();
    for (word irq = first_spi; irq < lines; irq++) {
        distributor[gicd_irouter + 2 * irq] = static_cast<u32>(route);
        distributor[gicd_irouter + 2 * irq + 1] = static_cast<u32>(route >> 32);
    }
    distributor[gicd::ctlr] = ctlr_are | ctlr_enable_grp1;
    wait_while(distributor[gicd::ctlr], ctlr_rwp);
}

// One CPU: its redistributor is the first.
void init_redistributor() {
    redistributor[gicr_waker] = redistributor[gicr_waker] & ~waker_processor_sleep;
    wait_while(redistributor[gicr_waker], waker_children_asleep);
    gicd::quiesce(sgi_frame, 0, first_spi, true);
    wait_while(redistributor[gicr_ctlr], ctlr_rwp);
}

// System-register access on, every priority passes, one binary point, EOI both drops the
// priority and deactivates, group 1 on.
void init_cpu_interface() {
    u64 sre;
    asm volatile("mrs %0, icc_sre_el1" : "=r"(sre));
    asm volatile("msr icc_sre_el1, %0\n isb" ::"r"(sre | 1));
    asm volatile("msr icc_pmr_el1, %0" ::"r"(u64{0xff}));
    asm volatile("msr icc_bpr1_el1, xzr");
    asm volatile("msr icc_ctlr_el1, xzr");
    asm volatile("msr icc_igrpen1_el1, %0\n isb" ::"r"(u64{1}));
}

}  // namespace

bool init(const fdt::Region (&regions)[2]) {
    if (regions[1].size < 2 * rd_frame_bytes) return false;
    distributor = map_registers(regions[0].base, kernel_bytes(regions[0], gicd_kernel_bytes));
    redistributor = map_registers(regions[1].base, kernel_bytes(regions[1], gicr_kernel_bytes));
    if (!distributor || !redistributor) return false;
    sgi_frame = redistributor + rd_frame_bytes / 4;
    init_distributor();
    init_redistributor();
    init_cpu_interface();
    return true;
}

void set_enabled(word irq, bool enabled) {
    if (irq >= first_spi) {
        gicd::set_enabled(distributor, irq, enabled);
        return;
    }
    gicd::set_enabled(sgi_frame, irq, enabled);
    wait_while(redistributor[gicr_ctlr], ctlr_rwp);
}

void set_edge_triggered(word irq, bool edge) {
    gicd::set_edge_triggered(irq >= first_spi ? distributor : sgi_frame, irq, edge);
}

bool acknowledge(word& irq) {
    u64 iar;
    asm volatile("mrs %0, icc_iar1_el1" : "=r"(iar));
    irq = iar & interrupt_id_mask;
    return irq < first_special_id;
}

void end_of_interrupt(word irq) { asm volatile("msr icc_eoir1_el1, %0\n isb" ::"r"(irq)); }

// ICC_SGI1R_EL1 from seL4's target word (sgir_word_from_args): Aff0 as one bit of the target list,
// its range selector, Aff1 and Aff2; seL4 16.0.0 puts Aff3 at Aff2's place too, and so does Keel.
void send_sgi(word sgi, word target) {
    u64 value = (sgi & 0xf) << 24 | bit(target & 0xf) | (target >> 4 & 0xf) << 44 | (target >> 8 & 0xff) << 16 |
                (target >> 16 & 0xff) << 32 | (target >> 24 & 0xff) << 32;
    asm volatile("msr icc_sgi1r_el1, %0\n isb" ::"r"(value));
}

// ICC_SGI1R_EL1: the SGI's INTID (bits 27:24) for the CPUs of this CPU's Aff3.Aff2.Aff1 cluster in
// the target list (bits 15:0, one per Aff0): this one.
void send_sgi_to_self(word sgi) {
    u64 mpidr = read_mpidr();
    u64 value = (sgi & 0xf) << 24 | bit(mpidr & 0xf) | (mpidr >> 8 & 0xff) << 16 | (mpidr >> 16 & 0xff) << 32 |
                (mpidr >> 32 & 0xff) << 48;
    asm volatile("msr icc_sgi1r_el1, %0\n isb" ::"r"(value));
}

}  // namespace arch::gic::v3
