// Leaving the kernel after a slow entry (its own file: the host tests, which never leave, link
// without the arch's exits).
#include "arch/switch.h"
#include "kernel/sched.h"
#include "kernel/thread.h"
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

}  // namespace core
