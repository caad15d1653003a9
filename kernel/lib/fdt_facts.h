// What a kernel needs from the device tree the firmware hands over: memory, reserved memory, the
// initrd, the interrupt controller (a RISC-V PLIC or an Arm GIC), the core-local interruptor
// (CLINT), the timer frequency, the debug UART (an Arm PL011) and how to call PSCI. Generic: node names,
// properties and compatible strings of the Devicetree Specification and its bindings, no addresses.
#pragma once
#include "fdt.h"

namespace fdt {

struct Region {
    u64 base;
    u64 size;
};

constexpr unsigned max_memory_regions = 16;
constexpr unsigned max_reserved_regions = 32;

struct Facts {
    Region memory[max_memory_regions];    // reg of every /memory node
    unsigned memory_count;
    Region reserved[max_reserved_regions];  // the reservation block, then /reserved-memory's children
    unsigned reserved_count;
    bool has_initrd;                      // /chosen linux,initrd-start and linux,initrd-end
    u64 initrd_start;
    u64 initrd_end;                       // exclusive
    const char* bootargs;                 // /chosen bootargs, inside the blob (nullptr when absent)
    bool has_plic;                        // the first "riscv,plic0" or "sifive,plic-1.0.0" node
    Region plic;                          // its first reg entry
    u32 plic_sources;                     // riscv,ndev: sources 1..ndev (0 when absent)
    bool has_clint;                       // the first "riscv,clint0" or "sifive,clint0" node
    Region clint;                         // its first reg entry
    u64 timebase_frequency;               // Hz, from /cpus or a cpu node (0 when absent)
    bool has_pl011;                       // the first "arm,pl011" node
    Region pl011;                         // its first reg entry
    u32 pl011_interrupt[3];               // its interrupt in the GIC binding's three cells (type: 0
    bool has_pl011_interrupt;             // SPI, 1 PPI; number; flags), when it has exactly one
    u32 gic_version;                      // the first GIC: 2 ("arm,cortex-a15-gic", "arm,gic-400"), 3
                                          // ("arm,gic-v3"), 0 for none
    Region gic[2];                        // its first two reg entries: the distributor, then the CPU
                                          // interface (GICv2) or the redistributors (GICv3)
    const char* psci_method;              // the "arm,psci-0.2" node's method ("hvc" or "smc"), in the blob
};

// Reads `blob` (which may be longer than its totalsize) into `out`. Bus address translation
// ("ranges") is not applied: a reg is taken as a physical address, as on QEMU virt.
Error read_facts(Bytes blob, Facts& out);

}  // namespace fdt
