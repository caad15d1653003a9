// The current thread and the choice of what runs next.
#pragma once
#include "object/tcb.h"

namespace core {

// The thread the kernel runs on behalf of, and returns to (nullptr: the idle loop).
extern Tcb* running_thread;
inline Tcb* current_thread() { return running_thread; }
inline void set_current_thread(Tcb* t) { running_thread = t; }

// Prepares `t` to return to user mode: a thread in Restart re-executes its system call.
void activate_thread(Tcb& t);

// The end of every slow kernel entry: the checked build's invariants, then the thread the
// scheduler picks, activated and restored by the arch, or the arch's idle loop.
[[noreturn]] void return_to_user();

// seL4's suspend and restart: stop a thread (cancelling what it waits for), or start a stopped
// one again at its restart address.
void suspend(Tcb& t);
void restart(Tcb& t);
bool is_stopped(const Tcb& t);
// Waiting on an endpoint, a notification or a reply (seL4's isBlocked).
bool is_blocked(const Tcb& t);

// Sets `t`'s priority, requeueing it and rescheduling as seL4's setPriority does.
void set_priority(Tcb& t, u8 priority);
// Moves `t` to scheduling domain `domain` (seL4's setDomain): requeued at the head of its queue
// if runnable; the running thread's move asks for a reschedule.
void set_domain(Tcb& t, word domain);

}  // namespace core
