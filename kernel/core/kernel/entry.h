// The kernel entries an arch's trap code ends in, given the context it saved the user's registers
// into (riscv64, aarch64): a system call, a user exception, an interrupt.
#pragma once
#include "generated/config.h"
#include "generated/syscalls.h"
#include "kernel/sched_time.h"
#include "kernel/thread.h"
#include "object/interrupt.h"

namespace core {

// System call `number` on the slow path, then back to user mode; Call or ReplyRecv through the
// fastpath first (kernel/fastpath.h), the slow path when it declines.
[[noreturn]] void slow_syscall(Tcb& t, sword number);
[[noreturn]] void fastpath_or_slow(Tcb& t, sword number);

// Inline, so that the trap code checks the number before any call: the other system calls never
// pay for the fastpath's register saves. An entry whose context is not the current thread's (none
// runs: the idle loop's) only reschedules.
[[noreturn, gnu::always_inline]] inline void syscall_entry(arch::Context* c, sword number) {
    Tcb* t = current_thread();
    if (t != context_owner(c)) return_to_user();
    if (number == static_cast<sword>(Syscall::Call) || number == static_cast<sword>(Syscall::ReplyRecv)) {
        fastpath_or_slow(*t, number);
    }
    slow_syscall(*t, number);
}

// A user exception: the fault it stands for (arch::fault_from_exception) delivered.
[[noreturn]] void exception_entry(arch::Context* c);
// An interrupt (MCS: the time read and the budget checked first, as seL4's handleInterruptEntry);
// inline, as the trap code's own.
[[noreturn, gnu::always_inline]] inline void interrupt_entry() {
    if constexpr (config::kernel_mcs) interrupt_entry_time();
    handle_pending_interrupt();
    return_to_user();
}

}  // namespace core
