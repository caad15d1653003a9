// boot_main: from the Multiboot hand-over to the first user instruction of the root task.
#include "arch/cmdline.h"
#include "arch/console.h"
#include "arch/cpu.h"
#include "arch/extra_bootinfo.h"
#include "arch/halt.h"
#include "arch/interrupts.h"
#include "arch/switch.h"
#include "arch/user_memory.h"
#include "arch/vspace.h"
#include "boot/root_task.h"
#include "cpu_setup.h"
#include "kernel/console.h"
#include "kernel/thread.h"
#include "kernel/kernel_state.h"
#include "kernel/sched_time.h"

extern "C" char __kernel_phys_start[], __kernel_phys_end[];

namespace {

constexpr word low_memory_end = 0x100000;  // below 1 MiB: BIOS data, never handed out
constexpr word bios_area = 0xe0000, bios_area_size = 0x20000;  // where a PC BIOS leaves the RSDP

constinit boot::BootParams params{};
constinit boot::BootMemory ram{};     // all the RAM the kernel uses
constinit boot::BootMemory memory{};  // what of it is free
constinit boot::BootMemory kernel_owned{};  // the RAM and the device registers the kernel uses

[[noreturn]] void boot_fail(const char* what, const char* detail) {
    core::kprintf("Boot error: %s%s%s\n", what, *detail ? ": " : "", detail);
    arch::halt(arch::HaltReason::BootError);
}

boot::PhysView window_view() { return {static_cast<const u8*>(arch::phys_to_ptr(0)), arch::phys_window_end()}; }

void collect_free_memory() {
    boot::add_ram(ram, params, low_memory_end, arch::window::max_size);
    memory = ram;
    memory.reserve(reinterpret_cast<word>(__kernel_phys_start), reinterpret_cast<word>(__kernel_phys_end));
    for (unsigned i = 0; i < params.num_modules; i++) {
        memory.reserve(round_down(params.modules[i].start, 12), round_up(params.modules[i].end, 12));
    }
}

// The window onto physical memory, as large as seL4's; RAM it does not reach is device memory.
void map_window() {
    arch::WindowMap w = arch::map_kernel_window(params, memory);
    ram.reserve(w.end, ~word{0});
    memory.reserve(w.end, ~word{0});
    core::kprintf("Kernel window: physical 0-%p in %s pages, %lu KiB of page tables from RAM\n",
                  reinterpret_cast<void*>(w.end), w.huge_pages ? "1 GiB" : "2 MiB", w.table_bytes >> 10);
}

void print_memory_map() {
    for (unsigned i = 0; i < params.num_regions; i++) {
        const boot::MemRegion& r = params.regions[i];
        core::kprintf("  memory map: %p-%p type %u\n", reinterpret_cast<void*>(r.base), reinterpret_cast<void*>(r.end()),
                      r.type);
    }
}

// All the RAM the memory map reports and the window that reaches it; what the kernel sees through it.
boot::PhysView init_memory() {
    print_memory_map();
    collect_free_memory();
    map_window();
    core::kprintf("Physical memory: %lu KiB free in %u ranges, %u boot modules\n", memory.total_free() >> 10,
                  memory.count(), params.num_modules);
    return window_view();
}

}  // namespace

bool arch::is_ram(word paddr, word size) { return ram.covers(paddr, paddr + size); }

extern "C" [[noreturn]] void boot_main(u32 magic, u32 info_paddr) {
    boot::PhysView phys = window_view();
    boot::MultibootError mb = boot::parse_multiboot(magic, info_paddr, phys, params);
    boot::CmdlineOptions opts = boot::parse_cmdline(params.cmdline);
    arch::console_init(opts.console_port);
    arch::set_exit_port(opts.exit_port);
    core::kprintf("Keel microkernel (seL4 16.0.0 ABI, x86_64) booting\n");
    if (mb != boot::MultibootError::None) boot_fail("multiboot", boot::describe(mb));
    core::kprintf("Command line: %s\n", params.cmdline);
    constexpr u32 cpuid_pat = bit(16);  // seL4's init_pat_msr refuses to boot without it
    if (!(arch::cpu::cpuid(1, 0).edx & cpuid_pat)) boot_fail("CPU", "PAT support not found");
    arch::init_cpu();
    arch::init_kernel_vspace();
    if (opts.panic_test) asm volatile("ud2");
    phys = init_memory();
    boot::ExtraBootInfo extra;
    word rsdp = params.acpi_rsdp ? params.acpi_rsdp : boot::find_rsdp(phys, bios_area, bios_area_size);
    if (rsdp) extra.rsdp = phys.base + rsdp;
    if (params.acpi_rsdp) extra.rsdp_bytes = params.acpi_rsdp_size;
    extra.tsc_mhz = arch::calibrate_tsc_mhz();
    core::kprintf("ACPI RSDP at %p, TSC %u MHz\n", reinterpret_cast<void*>(rsdp), extra.tsc_mhz);
    boot::MadtInfo madt;
    if (!rsdp || !boot::parse_madt(phys, rsdp, madt)) boot_fail("ACPI", "no valid MADT");
    core::kprintf("ACPI MADT: %u CPUs, local APIC at %p, %u I/O APIC(s)\n", madt.num_cpus,
                  reinterpret_cast<void*>(madt.lapic_paddr), madt.num_ioapics);
    arch::init_interrupt_controllers(madt);
    kernel_owned = ram;
    arch::add_kernel_devices(kernel_owned);
    core::init_kernel_state();
    core::Tcb* root = nullptr;
    if (boot::BootError e = boot::create_root_task(params, phys, extra, kernel_owned, memory, root); e.what) {
        boot_fail(e.what, e.detail);
    }
    arch::init_timer();
    core::set_current_thread(root);
    if constexpr (config::kernel_mcs) core::start_clock(*root);
    core::kprintf("Starting the root task\n");
    arch::restore_user_thread(*root);
}
