// The kernel's global state at boot.
#include "kernel/kernel_state.h"
#include "kernel/capdl.h"
#include "kernel/preemption.h"
#include "kernel/sched.h"
#include "kernel/sched_time.h"
#include "kernel/thread.h"
#include "object/domain.h"
#include "object/interrupt.h"
#include "object/tcb.h"
#include "syscall/syscall.h"

namespace core {

void init_kernel_state() {
    set_current_thread(nullptr);
    init_scheduler();
    init_domain_schedule();
    init_irq_state();
    debug_forget_all_tcbs();
    set_invariant_root(nullptr, 0);
    set_snapshot_root_thread(nullptr);
    reset_preemption_work();
    if constexpr (config::kernel_mcs) stop_clock();
}

}  // namespace core
