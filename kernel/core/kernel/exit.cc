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

namespace {
[[noreturn]] void fastpath_or_slow(Tcb& t, sword number) {
    if (number != static_cast<sword>(Syscall::Call) && number != static_cast<sword>(Syscall::ReplyRecv)) {
        slow_syscall(t, number);
    }
    word cptr = arch::cap_register(t.context), info = arch::msg_info_register(t.context);
    Tcb* next = number == static_cast<sword>(Syscall::Call)
                    ? fastpath_call(t, cptr, info)
                    : fastpath_reply_recv(t, cptr, info, arch::reply_register(t.context));
    if (!next) slow_syscall(t, number);
    arch::restore_user_thread(*next);
}
}  // namespace

// An entry whose context is not the current thread's (none runs: the idle loop's) only reschedules.
void syscall_entry(arch::Context* c, sword number) {
    Tcb* t = current_thread();
    if (t != context_owner(c)) return_to_user();
    fastpath_or_slow(*t, number);
}

void exception_entry(arch::Context* c) {
    Tcb* t = current_thread();
    if (t == context_owner(c)) handle_user_exception(*t);
    return_to_user();
}

void interrupt_entry() {
    if constexpr (config::kernel_mcs) interrupt_entry_time();
    handle_pending_interrupt();
    return_to_user();
}

}  // namespace core
