// Stopping the machine.
#include "arch/halt.h"
#include "arch/cpu.h"
#include "kernel/console.h"

namespace arch {
namespace {
u16 exit_port = 0;
}

void set_exit_port(u16 port) { exit_port = port; }

void halt(HaltReason why) {
    core::kprintf("halting...\n");
    if (exit_port) cpu::outb(exit_port, static_cast<u8>(why));
    for (;;) asm volatile("cli; hlt");
}

}  // namespace arch
