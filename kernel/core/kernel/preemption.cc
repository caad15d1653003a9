// Preemption points of long-running operations.
#include "kernel/preemption.h"
#include "arch/interrupts.h"
#include "generated/config.h"

namespace core {
namespace {
constexpr unsigned preemption_work_units = 100;  // seL4's CONFIG_MAX_NUM_WORK_UNITS_PER_PREEMPTION
word work_units = 0;
}  // namespace

void reset_preemption_work() { work_units = 0; }

SysStatus preemption_points(word n) {
    if (config::keel_checked_build && (n == 0 || n > work_units_before_check())) __builtin_trap();  // points skipped
    work_units += n;
    if (work_units < preemption_work_units) return {};
    work_units = 0;
    if (arch::interrupt_pending()) return fail(SyscallError::of(ErrorCode::Preempted));
    return {};
}

SysStatus preemption_point() { return preemption_points(1); }

word work_units_before_check() { return preemption_work_units - work_units; }

}  // namespace core
