// Leaving the kernel after a slow entry, and the entries of kernel/entry.h that end there (their own
// file: the host tests, which never leave, link without the arch's exits).
#include "arch/switch.h"
#include "generated/config.h"
#include "kernel/entry.h"
#include "kernel/fastpath.h"
#include "kernel/sched.h"
#include "syscall/syscall.h"

namespace core {

void return_to_user() {
    if constexpr (config::keel_checked_build) check_invariants_after_entry();
    Tcb* next = schedule();
    if (next) {
        activate_thread(*next);
        arch::restore_user_thread(*next);
    }
    arch::idle();
}

void slow_syscall(Tcb& t, sword number) {
    handle_syscall(t, number);
    return_to_user();
}

void fastpath_or_slow(Tcb& t, sword number) {
    word cptr = arch::cap_register(t.context), info = arch::msg_info_register(t.context);
    Tcb* next = number == static_cast<sword>(Syscall::Call)
                    ? fastpath_call(t, cptr, info)
                    : fastpath_reply_recv(t, cptr, info, arch::reply_register(t.context));
    if (!next) slow_syscall(t, number);
    vm_root_reload_required();  // the fastpath switched threads
    arch::restore_user_thread(*next);
}

void exception_entry(arch::Context* c) {
    Tcb* t = current_thread();
    if (t == context_owner(c)) handle_user_exception(*t);
    return_to_user();
}

}  // namespace core
