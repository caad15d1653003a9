// Leaving the kernel after a slow entry (its own file: the host tests, which never leave, link
// without the arch's exits).
#include "arch/switch.h"
#include "generated/config.h"
#include "generated/syscalls.h"
#include "kernel/fastpath.h"
#include "kernel/sched.h"
#include "kernel/sched_time.h"
#include "kernel/thread.h"
#include "object/interrupt.h"
#include "syscall/syscall.h"

namespace core {

void return_to_user() {
    check_invariants_after_entry();
    Tcb* next = schedule();
    if (next) {
        activate_thread(*next);
        arch::restore_user_thread(*next);
    }
    arch::idle();
}

namespace {
[[noreturn]] void slow_syscall(Tcb& t, sword number) {
    handle_syscall(t, number);
    return_to_user();
}
}  // namespace

void syscall_entry(Tcb& t, sword number) {
    if (number != static_cast<sword>(Syscall::Call) && number != static_cast<sword>(Syscall::ReplyRecv)) {
        slow_syscall(t, number);
    }
    word cptr = arch::cap_register(t.context), info = arch::msg_info_register(t.context);
    Tcb* next = number == static_cast<sword>(Syscall::Call) ? fastpath_call(t, cptr, info) : fastpath_reply_recv(t, cptr, info);
    if (!next) slow_syscall(t, number);
    arch::restore_user_thread(*next);
}

void interrupt_entry() {
    if constexpr (config::kernel_mcs) interrupt_entry_time();
    handle_pending_interrupt();
    return_to_user();
}

}  // namespace core
