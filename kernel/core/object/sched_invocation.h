// MCS: the SchedControl and SchedContext invocations (seL4's schedcontrol.c and schedcontext.c).
#pragma once
#include "object/sched_context.h"
#include "syscall/message.h"

namespace core {

// `cap` is a SchedControl or a SchedContext cap. Built into MCS kernels alone: the labels it
// decodes are MCS's.
SysStatus decode_sched_invocation(const Message& msg, const Cap& cap);

// The root task's budget, KernelBootThreadTimeSlice in timer ticks.
u64 boot_budget_ticks();

}  // namespace core
