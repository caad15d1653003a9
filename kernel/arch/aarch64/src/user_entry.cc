// The C++ side of the vector table's user-mode entries (src/vectors.S) in the boot skeleton,
// until core's system calls and faults take over: IRQs, and of the system calls (svc, the number
// in x7) seL4_DebugPutChar and seL4_DebugHalt; anything else is reported and the machine stopped.
#include "arch/entry.h"
#include "arch/halt.h"
#include "kernel/console.h"

namespace {

constexpr word user_sync = 8, user_irq = 9;  // vector entries: EL0 in AArch64, synchronous and IRQ
constexpr word esr_ec_shift = 26, esr_ec_svc64 = 0x15;
constexpr sword sys_debug_put_char = -9, sys_debug_halt = -11;  // seL4 16.0.0's classic numbers
constexpr word svc_length = 4;

constinit arch::Context* current = nullptr;
constinit word user_interrupts = 0;  // IRQs taken while the root task ran

[[noreturn]] void stop(const char* what, word esr, word far) {
    core::kprintf("%s: ESR 0x%lx ELR 0x%lx FAR 0x%lx\n", what, esr, current->elr_el1, far);
    arch::halt(arch::HaltReason::Panic);
}

void handle_syscall(word esr, word far) {
    current->fault_ip = current->elr_el1 - svc_length;  // seL4's FaultIP of a system call: the svc
    switch (static_cast<sword>(current->x[7])) {
    case sys_debug_put_char: core::kputc(static_cast<char>(current->x[0])); return;
    case sys_debug_halt:
        core::kprintf("Debug halt syscall from the root task (%lu interrupts taken in user mode)\n", user_interrupts);
        arch::halt(arch::HaltReason::DebugHalt);
    default: stop("Unknown system call in the boot skeleton", esr, far);
    }
}

}  // namespace

void arch::set_current_context(Context* c) { current = c; }

extern "C" [[noreturn]] void handle_user_entry(word entry, word esr, word far) {
    if (entry == user_irq) {
        arch::take_interrupt();
        user_interrupts++;
    } else if (entry == user_sync && esr >> esr_ec_shift == esr_ec_svc64) {
        handle_syscall(esr, far);
    } else {
        stop("User exception in the boot skeleton", esr, far);
    }
    arch::restore_user_context(current);
}
