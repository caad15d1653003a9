// Preemption points of long-running operations.
#pragma once
#include "kernel/errors.h"

namespace core {

// Counts a unit of work; every `preemption_work_units` units, asks the arch whether an interrupt
// is pending. A Preempted error means: stop here, the system call will be restarted.
SysStatus preemption_point();

// `n` preemption points in a row with no work between them but the last (1 <= n <=
// work_units_before_check()): only the last can ask for interrupts, as the n-th of single points
// would. Long loops do that many units of work at once, then pass them all.
SysStatus preemption_points(word n);

// How many units of work may be done before the next preemption point asks for interrupts (at
// least 1).
word work_units_before_check();

// Clears the count of work units. As in seL4 the count carries over from one kernel entry to the
// next (so work done by earlier system calls counts towards the next check); it starts again at
// boot and when the scheduler moves to another domain.
void reset_preemption_work();

}  // namespace core
