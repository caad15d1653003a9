// aarch64 boot: what QEMU and the device tree hand over becomes core's boot sources; the GIC and
// the virtual timer are tested with three ticks, the UART's interrupt and an SGI; then the root
// task (from the initrd) and the tick, as seL4's Arm boot (docs/aarch64.md).
#include "arch/console.h"
#include "arch/device_tree.h"
#include "arch/entry.h"
#include "arch/extra_bootinfo.h"
#include "arch/gic.h"
#include "arch/halt.h"
#include "arch/kernel_window.h"
#include "arch/switch.h"
#include "arch/timer.h"
#include "arch/user_memory.h"
#include "boot/elf.h"
#include "boot/root_task.h"
#include "generated/config.h"
#include "kernel/console.h"
#include "kernel/kernel_state.h"
#include "kernel/sched_time.h"
#include "kernel/thread.h"
#include "lib/fdt_facts.h"
#include "lib/string.h"

namespace {

using core::kprintf;

// QEMU virt's RAM base, where QEMU puts the device tree for an ELF kernel (which gets no x0).
constexpr word virt_ram_base = 0x40000000;
constexpr word ticks_to_take = 3;
constexpr word skeleton_sgi = 1;
constexpr word window_size = arch::pptr_top - arch::pptr_base;

extern "C" char __kernel_image_start[], __kernel_image_end[];  // src/linker.ld

constinit fdt::Facts facts{};
constinit u32 dtb_size = 0;
constinit arch::BootRam boot_ram{};
constinit boot::BootMemory kernel_owned{};  // the RAM and the device registers the kernel uses

[[noreturn]] void boot_fail(const char* what, const char* why) {
    kprintf("Boot error: %s: %s\n", what, why);
    arch::halt(arch::HaltReason::BootError);
}

// What the device tree says, for the log (and the boot tests).
void print_facts(word dtb) {
    kprintf("device tree at 0x%lx\n", dtb);
    arch::print_regions("memory", facts.memory, facts.memory_count);
    arch::print_regions("reserved", facts.reserved, facts.reserved_count);
    kprintf("PL011 UART: [0x%lx, 0x%lx)\n", facts.pl011.base, facts.pl011.base + facts.pl011.size);
    if (facts.gic_version) {
        kprintf("GICv%u: distributor [0x%lx, 0x%lx), %s [0x%lx, 0x%lx)\n", facts.gic_version, facts.gic[0].base,
                facts.gic[0].base + facts.gic[0].size, facts.gic_version == 2 ? "CPU interface" : "redistributors",
                facts.gic[1].base, facts.gic[1].base + facts.gic[1].size);
    }
    kprintf("generic timer: %lu Hz\n", arch::timer_frequency());
    if (facts.psci_method) kprintf("PSCI: %s\n", facts.psci_method);
    if (facts.has_initrd) {
        kprintf("initrd: [0x%lx, 0x%lx) %lu bytes\n", facts.initrd_start, facts.initrd_end,
                facts.initrd_end - facts.initrd_start);
    }
    if (facts.bootargs) kprintf("command line: %s\n", facts.bootargs);
}

// The root task: the initrd the device tree names (QEMU's -device loader put it there), in RAM,
// an ELF file for this machine that fits the user address space.
void check_root_task() {
    if (!facts.has_initrd || facts.initrd_end <= facts.initrd_start) boot_fail("device tree", "no initrd (the root task)");
    if (!arch::initrd_readable(facts)) boot_fail("device tree", "the initrd does not lie in RAM the kernel may read");
    boot::ElfLayout image{};
    auto file = arch::physical_bytes(facts.initrd_start, facts.initrd_end - facts.initrd_start);
    if (boot::ElfError e = boot::check_elf(file, arch::user_top, image); e != boot::ElfError::None) {
        boot_fail("root task module is not a usable ELF64 executable", boot::describe(e));
    }
    kprintf("root task: entry 0x%lx, image [0x%lx, 0x%lx)\n", image.entry, image.start, image.end);
}

// seL4 keeps its kernel devices out of device untypeds: the GIC's registers. The PL011 the kernel
// prints on stays the user's too (seL4's tools/hardware.yml: `user: true`), so a user-mode driver
// can own it (the demo's).
void reserve_kernel_devices() {
    kernel_owned = boot_ram.ram;
    for (const fdt::Region& r : arch::gic::kernel_regions()) kernel_owned.add_free(r.base, r.base + r.size);
}

// The PMU's cycle counter running and readable at EL0 (PMUSERENR_EL0.EN, as seL4 with
// KernelArmExportPMUUser): under QEMU's -icount shift=0 it counts guest instructions, the counter
// of the benchmarks (user/bench/arch/aarch64).
void export_cycle_counter() {
    constexpr word pmcr_enable = 1, pmcntenset_cycles = word{1} << 31, pmuserenr_enable = 1;
    word pmcr;
    asm volatile("mrs %0, pmcr_el0" : "=r"(pmcr));
    asm volatile("msr pmcr_el0, %0\n\tmsr pmcntenset_el0, %1\n\tmsr pmuserenr_el0, %2\n\tisb"
                 ::"r"(pmcr | pmcr_enable), "r"(pmcntenset_cycles), "r"(pmuserenr_enable) : "memory");
}

// What of the generic timer EL0 may use (CNTKCTL_EL1, as seL4's armv_init_user_access): the virtual
// count always (seL4's KernelArmExportVCNTUser), the physical count and the physical timer, which
// the kernel leaves alone, when configured (KernelArmExportPCNTUser, KernelArmExportPTMRUser: the
// interrupt-latency benchmark's timer, user/bench/arch/aarch64).
void export_generic_timer() {
    constexpr word el0_pcten = 1, el0_vcten = 2, el0_pten = word{1} << 9;
    word access = el0_vcten | (config::export_pcnt_user ? el0_pcten : 0) | (config::export_ptmr_user ? el0_pten : 0);
    asm volatile("msr cntkctl_el1, %0\n\tisb" ::"r"(access) : "memory");
}

// The root task started at EL0 with core: BootInfo, its CSpace and address space, the tick.
[[noreturn]] void start_root_task(word dtb) {
    core::init_kernel_state();
    boot::ExtraBootInfo extra{static_cast<const u8*>(arch::phys_to_ptr(dtb)), dtb_size};
    boot::PhysView phys{static_cast<const u8*>(arch::phys_to_ptr(0)), window_size};
    core::Tcb* root = nullptr;
    if (boot::BootError e = boot::create_root_task(boot_ram.sources, phys, extra, kernel_owned, boot_ram.free, root); e.what) {
        boot_fail(e.what, e.detail);
    }
    if constexpr (config::kernel_mcs) arch::stop_tick();  // core sets the deadlines
    arch::hand_interrupts_to_core();
    core::set_current_thread(root);
    if constexpr (config::kernel_mcs) core::start_clock(*root);
    kprintf("Starting the root task at EL0\n");
    arch::restore_user_thread(*root);
}

// KernelTimerTickMS's ticks of the virtual timer, through the GIC, with IRQs unmasked meanwhile.
void take_ticks() {
    if (!arch::gic::init(facts.gic_version, facts.gic)) boot_fail("device tree", "no usable GICv2 or GICv3");
    u64 hz = arch::timer_frequency();
    if (hz == 0 || hz > ~u64{0} / config::keel_timer_tick_ms) boot_fail("timer", "CNTFRQ_EL0 out of range");
    u64 interval = hz * config::keel_timer_tick_ms / 1000;
    kprintf("timer: a tick every %lu ms = %lu counts, IRQ %lu\n", config::keel_timer_tick_ms, interval, arch::irq_timer);
    arch::gic::set_enabled(arch::irq_timer, true);
    arch::start_tick(interval);
    asm volatile("msr daifclr, #2" ::: "memory");
    while (arch::ticks_taken() < ticks_to_take) asm volatile("wfi" ::: "memory");
    asm volatile("msr daifset, #2" ::: "memory");
    kprintf("timer: %lu ticks taken through the GICv%u\n", arch::ticks_taken(), facts.gic_version);
}

// One interrupt through the GIC, started by `start` and taken with IRQs unmasked.
void take_one(const char* what, word irq, void (*start)(), void (*quieten)()) {
    arch::watch_interrupt(irq, quieten);
    arch::gic::set_enabled(irq, true);
    start();
    asm volatile("msr daifclr, #2" ::: "memory");
    while (arch::watched_interrupts_taken() == 0) asm volatile("wfi" ::: "memory");
    asm volatile("msr daifset, #2" ::: "memory");
    arch::gic::set_enabled(irq, false);
    kprintf("interrupt: %s, INTID %lu, taken through the GICv%u\n", what, irq, facts.gic_version);
}

void start_uart_interrupt() { arch::set_transmit_interrupt(true); }
void quieten_uart_interrupt() { arch::set_transmit_interrupt(false); }
void send_sgi() { arch::gic::send_sgi_to_self(skeleton_sgi); }

// Besides the timer's PPI: an SPI, the PL011's transmit interrupt (routed by the distributor:
// GICD_ITARGETSR on a GICv2, GICD_IROUTER on a GICv3), and an SGI this CPU sends itself (GICD_SGIR
// or ICC_SGI1R_EL1).
void take_device_interrupts() {
    if (!facts.has_pl011_interrupt || facts.pl011_interrupt[0] != 0) boot_fail("device tree", "the PL011 has no SPI");
    take_one("the UART's transmit interrupt (SPI)", arch::gic::first_spi + facts.pl011_interrupt[1],
             start_uart_interrupt, quieten_uart_interrupt);
    take_one("SGI", skeleton_sgi, send_sgi, nullptr);
}

}  // namespace

bool arch::is_ram(word paddr, word size) { return boot_ram.ram.covers(paddr, paddr + size); }

// `dtb`: the device tree's physical address from a loader, 0 from QEMU's ELF boot; `entry_el`:
// the exception level the kernel was entered at (src/boot.S left EL2 for EL1).
extern "C" [[noreturn]] void boot_main(word dtb, word entry_el) {
    if (!dtb) dtb = virt_ram_base;
    fdt::Error e = arch::read_device_tree(dtb, dtb_size, facts);
    if (e == fdt::Error::None && facts.has_pl011) arch::init_console(facts.pl011.base);
    arch::set_psci_method(facts.psci_method);
    kprintf("Keel microkernel (seL4 16.0.0 ABI, aarch64) booting on CPU 0 at EL1, entered at EL%lu\n", entry_el);
    if (e != fdt::Error::None) boot_fail("device tree", fdt::describe(e));
    print_facts(dtb);
    // A test of the kernel's vector table (qemu.aarch64.boot.trap): an undefined instruction.
    if (lib::has_word(facts.bootargs, "keel_trap_test")) asm volatile("udf #0");
    if (facts.memory_count == 0) boot_fail("device tree", "no memory");
    check_root_task();
    arch::collect_memory(facts, dtb, dtb_size, arch::image_to_phys(__kernel_image_start),
                         arch::image_to_phys(__kernel_image_end), boot_ram);
    kprintf("Physical memory: %lu KiB free in %u ranges\n", boot_ram.free.total_free() >> 10, boot_ram.free.count());
    take_ticks();
    take_device_interrupts();
    reserve_kernel_devices();
    export_cycle_counter();
    export_generic_timer();
    start_root_task(dtb);
}
