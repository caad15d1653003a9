// The C++ side of kernel entry (src/trap.S): system calls, user exceptions, interrupts, kernel faults.
#include "arch/csr.h"
#include "arch/halt.h"
#include "arch/traps.h"
#include "kernel/console.h"
#include "kernel/entry.h"

namespace arch {

core::Fault fault_from_exception(Context& c) {
    switch (c.scause) {
    case cause_instruction_access:
    case cause_instruction_page: return core::Fault::vm_fault(csr::read_stval(), cause_instruction_access, true);
    case cause_load_access:
    case cause_load_page: return core::Fault::vm_fault(csr::read_stval(), cause_load_access, false);
    case cause_store_access:
    case cause_store_page: return core::Fault::vm_fault(csr::read_stval(), cause_store_access, false);
    default: return core::Fault::user_exception(c.scause, 0);
    }
}

}  // namespace arch

extern "C" [[noreturn]] void c_handle_syscall(arch::Context* c, sword number) {
    core::syscall_entry(c, number);
}

extern "C" [[noreturn]] void c_handle_exception(arch::Context* c) { core::exception_entry(c); }

extern "C" [[noreturn]] void c_handle_interrupt(arch::Context*) { core::interrupt_entry(); }

extern "C" [[noreturn]] void c_handle_kernel_interrupt() { core::interrupt_entry(); }

extern "C" [[noreturn]] void c_handle_kernel_exception(word scause, word sepc, word stval, word sp) {
    core::kprintf("\nKERNEL PANIC: exception in kernel mode: scause 0x%lx sepc 0x%lx stval 0x%lx sp 0x%lx\n", scause,
                  sepc, stval, sp);
    arch::halt(arch::HaltReason::Panic);
}
