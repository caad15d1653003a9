// The riscv64 boot skeleton: what OpenSBI and the device tree hand over, printed, then three timer
// ticks and a shutdown. The kernel proper (BootInfo, the root task) comes in later steps.
#include "arch/csr.h"
#include "arch/kernel_window.h"
#include "arch/sbi.h"
#include "arch/timer.h"
#include "boot/elf.h"
#include "generated/config.h"
#include "kernel/console.h"
#include "lib/fdt_facts.h"
#include "lib/string.h"

namespace {

using core::kprintf;

constexpr word user_top = 0x0000003ffffff000;  // seL4_UserTop of riscv64 (Sv39)
constexpr unsigned ticks_to_take = 3;

[[noreturn]] void boot_error(const char* what, const char* why) {
    kprintf("Boot error: %s: %s\n", what, why);
    arch::sbi::shutdown(arch::sbi::ShutdownReason::SystemFailure);
}

// The blob at physical `paddr`, as long as its header says, read through the kernel window.
fdt::Error read_device_tree(word paddr, fdt::Facts& facts) {
    u32 size = 0;
    if (!arch::in_window(paddr, fdt::header_size)) return fdt::Error::BadLayout;
    if (fdt::Error e = fdt::total_size(arch::physical_bytes(paddr, fdt::header_size), size); e != fdt::Error::None) {
        return e;
    }
    if (!arch::in_window(paddr, size)) return fdt::Error::BadLayout;
    return fdt::read_facts(arch::physical_bytes(paddr, size), facts);
}

void print_regions(const char* what, const fdt::Region* regions, unsigned count) {
    for (unsigned i = 0; i < count; i++) {
        kprintf("%s: [0x%lx, 0x%lx) %lu KiB\n", what, regions[i].base, regions[i].base + regions[i].size,
                regions[i].size >> 10);
    }
}

void print_facts(const fdt::Facts& f) {
    print_regions("memory", f.memory, f.memory_count);
    print_regions("reserved", f.reserved, f.reserved_count);
    if (f.has_plic) kprintf("PLIC: [0x%lx, 0x%lx), %u sources\n", f.plic.base, f.plic.base + f.plic.size, f.plic_sources);
    kprintf("timebase: %lu Hz\n", f.timebase_frequency);
    if (f.bootargs) kprintf("command line: %s\n", f.bootargs);
}

bool in_memory(const fdt::Facts& f, word start, word end) {
    for (unsigned i = 0; i < f.memory_count; i++) {
        if (f.memory[i].base <= start && end <= f.memory[i].base + f.memory[i].size) return true;
    }
    return false;
}

// The initrd must lie in memory and hold a root task for this machine.
void check_initrd(const fdt::Facts& f) {
    if (!f.has_initrd) boot_error("initrd", "none given (/chosen has no linux,initrd-start)");
    kprintf("initrd: [0x%lx, 0x%lx) %lu bytes\n", f.initrd_start, f.initrd_end, f.initrd_end - f.initrd_start);
    if (!in_memory(f, f.initrd_start, f.initrd_end) || !arch::in_window(f.initrd_start, f.initrd_end - f.initrd_start)) {
        boot_error("initrd", "outside memory");
    }
    boot::ElfLayout layout;
    Bytes image = arch::physical_bytes(f.initrd_start, f.initrd_end - f.initrd_start);
    if (boot::ElfError e = boot::check_elf(image, user_top, layout); e != boot::ElfError::None) {
        boot_error("initrd", boot::describe(e));
    }
    kprintf("initrd: RISC-V ELF64 root task, entry 0x%lx, image [0x%lx, 0x%lx)\n", layout.entry, layout.start, layout.end);
}

// Whether the command line holds `flag` as a whole word.
bool has_flag(const char* command_line, const char* flag) {
    usize n = strlen(flag);
    for (const char* p = command_line; p && *p;) {
        while (*p == ' ') p++;
        const char* end = p;
        while (*end && *end != ' ') end++;
        if (static_cast<usize>(end - p) == n && memcmp(p, flag, n) == 0) return true;
        p = end;
    }
    return false;
}

void take_ticks(const fdt::Facts& f) {
    if (f.timebase_frequency == 0) boot_error("timer", "no timebase-frequency in /cpus");
    if (f.timebase_frequency > ~u64{0} / config::timer_tick_ms) boot_error("timer", "timebase-frequency out of range");
    u64 interval = f.timebase_frequency * config::timer_tick_ms / 1000;
    kprintf("timer: a tick every %lu ms = %lu time units\n", config::timer_tick_ms, interval);
    arch::start_tick(interval);
    while (arch::ticks_taken() < ticks_to_take) arch::csr::wait_for_interrupt();
    arch::csr::clear_sstatus(arch::csr::sstatus_sie);
}

}  // namespace

extern "C" [[noreturn]] void boot_main(word hart_id, word dtb_paddr) {
    arch::sbi::probe_extensions();
    kprintf("Keel riscv64 boot skeleton: hart %lu, device tree at 0x%lx\n", hart_id, dtb_paddr);
    fdt::Facts facts;
    if (fdt::Error e = read_device_tree(dtb_paddr, facts); e != fdt::Error::None) boot_error("device tree", fdt::describe(e));
    print_facts(facts);
    // A test of the trap vector (qemu.riscv64.boot.trap): an illegal instruction in the kernel.
    if (has_flag(facts.bootargs, "keel_trap_test")) asm volatile("unimp");
    check_initrd(facts);
    take_ticks(facts);
    kprintf("Keel riscv64 boot skeleton: done, shutting down\n");
    arch::sbi::shutdown(arch::sbi::ShutdownReason::None);
}
