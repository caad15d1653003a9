// The C++ side of kernel entry from user mode (src/vectors.S): system calls, user exceptions and
// interrupts, into core.
#include "arch/traps.h"
#include "arch/sysreg.h"
#include "kernel/entry.h"

namespace arch {

core::Fault fault_from_exception(Context& c) {
    word esr = sysreg::read(sysreg::Reg::Esr), far = sysreg::read(sysreg::Reg::Far);
    switch (esr >> esr_ec_shift) {
    case ec_data_abort_lower: return core::Fault::vm_fault(far, esr, false);
    case ec_instruction_abort_lower: return core::Fault::vm_fault(restart_pc(c), esr, true);
    default: return core::Fault::user_exception(esr, 0);
    }
}

}  // namespace arch

// svc from EL0 (x7 the number): FaultIP is the svc itself, NextIP (ELR_EL1) the instruction after it.
extern "C" [[noreturn]] void c_handle_syscall(arch::Context* c, sword number) {
    c->fault_ip = c->elr_el1 - arch::svc_length;
    core::syscall_entry(c, number);
}

extern "C" [[noreturn]] void c_handle_exception(arch::Context* c) { core::exception_entry(c); }

extern "C" [[noreturn]] void c_handle_interrupt(arch::Context*) { core::interrupt_entry(); }
