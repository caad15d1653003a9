// Scheduling domains: the domain cap's invocations and seL4's domain schedule, a table of
// (domain, duration) entries that the kernel steps through. A duration counts timer ticks:
// classic's periodic ticks, MCS's timer's own (TSC cycles, the time CSR's).
#pragma once
#include "syscall/message.h"

namespace core {

SysStatus decode_domain_invocation(const Message& msg);

// At boot: domain 0 for as long as can be, then end markers.
void init_domain_schedule();

// The domain whose threads may run now.
word current_domain();

// A timer tick: with more than one domain, the current entry's time runs down (seL4's timerTick).
void domain_tick();

// MCS, with more than one domain: `elapsed` ticks of the current entry's time are used; it is over
// when less than `margin` (MIN_BUDGET) would be left (seL4's updateTimestamp).
void domain_time_passes(u64 elapsed, u64 margin);
// The ticks left of the current entry (seL4's ksDomainTime).
u64 domain_time_left();
// With more than one domain, the current entry's time is used up (seL4's isCurDomainExpired).
bool current_domain_expired();

// Before the scheduler chooses a thread: moves to the next schedule entry when the current one's
// time is used up (seL4's scheduleChooseNewThread and nextDomain).
void next_domain_if_expired();

}  // namespace core
