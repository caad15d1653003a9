// Preemption points of long-running operations.
#pragma once
#include "kernel/errors.h"

namespace core {

// Counts a unit of work; every `preemption_work_units` units, asks the arch whether an interrupt
// is pending. A Preempted error means: stop here, the system call will be restarted.
SysStatus preemption_point();

// Starts a kernel entry's count of work units.
void reset_preemption_work();

}  // namespace core
