// Scheduling domains (classic scheduling): the domain cap's invocations and seL4's domain
// schedule, a table of (domain, duration) entries that the kernel steps through.
#pragma once
#include "syscall/message.h"

namespace core {

SysStatus decode_domain_invocation(const Message& msg);

// At boot: domain 0 for as long as can be, then end markers.
void init_domain_schedule();

// The domain whose threads may run now. (Keel's configuration has seL4's default of one domain,
// so the ready queues are not yet split by domain.)
word current_domain();

// A timer tick: with more than one domain, the current entry's time runs down (seL4's timerTick).
void domain_tick();

// Before the scheduler chooses a thread: moves to the next schedule entry when the current one's
// time is used up (seL4's scheduleChooseNewThread).
void next_domain_if_expired();

}  // namespace core
