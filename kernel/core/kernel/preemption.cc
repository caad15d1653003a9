// Preemption points of long-running operations.
#include "kernel/preemption.h"
#include "arch/interrupts.h"
#include "generated/config.h"
#include "kernel/sched_time.h"

namespace core {
namespace {
constexpr unsigned preemption_work_units = 100;  // seL4's CONFIG_MAX_NUM_WORK_UNITS_PER_PREEMPTION
word work_units = 0;

// MCS: the current scheduling context's budget ran out too (seL4's preemptionPoint).
bool budget_ended() {
    if constexpr (config::kernel_mcs) return budget_preempts();
    return false;
}
}  // namespace

void reset_preemption_work() { work_units = 0; }

SysStatus preemption_points(word n) {
    if (config::keel_checked_build && (n == 0 || n > work_units_before_check())) __builtin_trap();  // points skipped
    work_units += n;
    if (work_units < preemption_work_units) return {};
    work_units = 0;
    if (budget_ended() || arch::interrupt_pending()) return fail(SyscallError::of(ErrorCode::Preempted));
    return {};
}

SysStatus preemption_point() { return preemption_points(1); }

word work_units_before_check() { return preemption_work_units - work_units; }

}  // namespace core
