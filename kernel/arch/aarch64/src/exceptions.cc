// The C++ side of the vector table (src/vectors.S). Only the kernel runs so far: any exception
// is unexpected and reported with the syndrome (ESR_EL1), the address (ELR_EL1) and the fault
// address (FAR_EL1), and the machine stopped.
#include "arch/halt.h"
#include "kernel/console.h"

extern "C" void handle_exception(word entry, word esr, word elr, word far) {
    word sp;
    asm("mov %0, sp" : "=r"(sp));
    core::kprintf("\nKERNEL PANIC: exception in kernel mode: vector %lu ESR 0x%lx ELR 0x%lx FAR 0x%lx sp 0x%lx\n", entry,
                  esr, elr, far, sp);
    arch::halt(arch::HaltReason::Panic);
}
