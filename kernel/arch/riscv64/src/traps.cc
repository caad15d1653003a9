// The C++ side of kernel entry (src/trap.S): system calls, user exceptions, interrupts, kernel faults.
#include "arch/csr.h"
#include "arch/halt.h"
#include "arch/interrupts.h"
#include "arch/switch.h"
#include "arch/traps.h"
#include "kernel/console.h"
#include "kernel/fastpath.h"
#include "kernel/sched.h"
#include "kernel/sched_time.h"
#include "kernel/thread.h"
#include "object/interrupt.h"
#include "generated/syscalls.h"
#include "syscall/syscall.h"

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

void handle_syscall(core::Tcb& t, sword number) {
    core::handle_syscall(t, number);
    core::return_to_user();
}

}  // namespace arch

namespace {
// Call and ReplyRecv try the fastpath first (kernel/fastpath.h): the thread it returns runs next.
[[noreturn]] void fastpath_or_slow(core::Tcb& t, sword number) {
    word cptr = arch::cap_register(t.context), info = arch::msg_info_register(t.context);
    core::Tcb* next = number == static_cast<sword>(core::Syscall::Call)
                          ? core::fastpath_call(t, cptr, info)
                          : core::fastpath_reply_recv(t, cptr, info, arch::reply_register(t.context));
    if (!next) arch::handle_syscall(t, number);
    arch::restore_user_thread(*next);
}
}  // namespace

extern "C" [[noreturn]] void c_handle_syscall(arch::Context* c, sword number) {
    core::Tcb* t = core::current_thread();
    if (t != core::context_owner(c)) core::return_to_user();
    if (number == static_cast<sword>(core::Syscall::Call) || number == static_cast<sword>(core::Syscall::ReplyRecv)) {
        fastpath_or_slow(*t, number);
    }
    arch::handle_syscall(*t, number);
}

extern "C" [[noreturn]] void c_handle_exception(arch::Context* c) {
    core::Tcb* t = core::current_thread();
    if (t == core::context_owner(c)) core::handle_user_exception(*t);
    core::return_to_user();
}

namespace {
// An interrupt's entry (MCS: the time read and the budget checked first, as seL4's handleInterruptEntry).
[[noreturn]] void interrupt_entry() {
    if constexpr (config::kernel_mcs) core::interrupt_entry_time();
    core::handle_pending_interrupt();
    core::return_to_user();
}
}  // namespace

extern "C" [[noreturn]] void c_handle_interrupt(arch::Context*) { interrupt_entry(); }

extern "C" [[noreturn]] void c_handle_kernel_interrupt() { interrupt_entry(); }

extern "C" [[noreturn]] void c_handle_kernel_exception(word scause, word sepc, word stval, word sp) {
    core::kprintf("\nKERNEL PANIC: exception in kernel mode: scause 0x%lx sepc 0x%lx stval 0x%lx sp 0x%lx\n", scause,
                  sepc, stval, sp);
    arch::halt(arch::HaltReason::Panic);
}
