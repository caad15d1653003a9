// riscv64 boot: what OpenSBI and the device tree hand over becomes core's boot sources, then the
// interrupt controller, the root task (from the initrd) and the tick, as seL4's RISC-V boot.
#include "arch/csr.h"
#include "arch/device_tree.h"
#include "arch/extra_bootinfo.h"
#include "arch/halt.h"
#include "arch/interrupts.h"
#include "arch/kernel_window.h"
#include "arch/sbi.h"
#include "arch/switch.h"
#include "arch/user_memory.h"
#include "arch/vspace.h"
#include "boot/root_task.h"
#include "kernel/console.h"
#include "kernel/kernel_state.h"
#include "kernel/sched_time.h"
#include "kernel/thread.h"
#include "lib/fdt_facts.h"
#include "lib/string.h"

extern "C" char __kernel_image_start[], __kernel_image_end[];  // src/linker.ld

namespace {

using core::kprintf;

constexpr word window_size = arch::pptr_top - arch::pptr_base;

constinit fdt::Facts facts{};
constinit arch::BootRam boot_ram{};
constinit boot::BootMemory kernel_owned{};  // the RAM and the device registers the kernel uses

[[noreturn]] void boot_fail(const char* what, const char* why) {
    kprintf("Boot error: %s%s%s\n", what, *why ? ": " : "", why);  // some errors have no detail
    arch::halt(arch::HaltReason::BootError);
}

// What the device tree says, for the log (and the boot tests).
void print_facts(word dtb) {
    kprintf("device tree at 0x%lx\n", dtb);
    arch::print_regions("memory", facts.memory, facts.memory_count);
    arch::print_regions("reserved", facts.reserved, facts.reserved_count);
    if (facts.has_plic) {
        kprintf("PLIC: [0x%lx, 0x%lx), %u sources\n", facts.plic.base, facts.plic.base + facts.plic.size, facts.plic_sources);
    }
    kprintf("timebase: %lu Hz\n", facts.timebase_frequency);
    if (facts.has_initrd) {
        kprintf("initrd: [0x%lx, 0x%lx) %lu bytes\n", facts.initrd_start, facts.initrd_end,
                facts.initrd_end - facts.initrd_start);
    }
    if (facts.bootargs) kprintf("command line: %s\n", facts.bootargs);
}

void check_facts() {
    if (facts.memory_count == 0) boot_fail("device tree", "no memory");
    if (!facts.has_initrd || facts.initrd_end <= facts.initrd_start) boot_fail("device tree", "no initrd (the root task)");
    if (!arch::initrd_readable(facts)) boot_fail("device tree", "the initrd does not lie in RAM the kernel may read");
    if (!facts.has_plic) boot_fail("device tree", "no PLIC");
    if (facts.timebase_frequency == 0 || facts.timebase_frequency > ~u64{0} / 1000) {
        boot_fail("device tree", "no usable timebase-frequency");
    }
}

}  // namespace

bool arch::is_ram(word paddr, word size) { return boot_ram.ram.covers(paddr, paddr + size); }

extern "C" [[noreturn]] void boot_main(word hart_id, word dtb) {
    arch::sbi::probe_extensions();
    kprintf("Keel microkernel (seL4 16.0.0 ABI, riscv64) booting on hart %lu\n", hart_id);
    u32 dtb_size = 0;
    if (fdt::Error e = arch::read_device_tree(dtb, dtb_size, facts); e != fdt::Error::None) {
        boot_fail("device tree", fdt::describe(e));
    }
    print_facts(dtb);
    // A test of the kernel's trap entry (qemu.riscv64.boot.trap): an illegal instruction in the kernel.
    if (lib::has_word(facts.bootargs, "keel_trap_test")) asm volatile("unimp");
    check_facts();
    arch::collect_memory(facts, dtb, dtb_size, arch::image_to_phys(__kernel_image_start),
                         arch::image_to_phys(__kernel_image_end), boot_ram);
    kprintf("Physical memory: %lu KiB free in %u ranges\n", boot_ram.free.total_free() >> 10, boot_ram.free.count());
    arch::init_interrupt_controller(facts.plic.base, hart_id);
    kernel_owned = boot_ram.ram;
    // seL4 keeps its kernel devices from device untypeds in 2 MiB frames: all 64 MiB of the PLIC,
    // and the CLINT's frame (which it maps, though only M-mode can use the CLINT on QEMU).
    kernel_owned.add_free(facts.plic.base, facts.plic.base + arch::plic_size);
    if (facts.has_clint) kernel_owned.add_free(facts.clint.base, facts.clint.base + (word{1} << 21));
    core::init_kernel_state();
    boot::ExtraBootInfo extra{static_cast<const u8*>(arch::phys_to_ptr(dtb)), dtb_size};
    boot::PhysView phys{static_cast<const u8*>(arch::phys_to_ptr(0)), window_size};
    arch::set_timebase(facts.timebase_frequency);
    core::Tcb* root = nullptr;
    if (boot::BootError e = boot::create_root_task(boot_ram.sources, phys, extra, kernel_owned, boot_ram.free, root); e.what) {
        boot_fail(e.what, e.detail);
    }
    arch::init_timer(facts.timebase_frequency);
    core::set_current_thread(root);
    if constexpr (config::kernel_mcs) core::start_clock(*root);
    kprintf("Starting the root task\n");
    arch::restore_user_thread(*root);
}
