// The current thread and the choice of what runs next.
#include "kernel/thread.h"

namespace core {
namespace {
Tcb* current = nullptr;
}

Tcb* current_thread() { return current; }
void set_current_thread(Tcb* t) { current = t; }

Tcb* choose_thread() { return current && current->is_runnable() ? current : nullptr; }

void activate_thread(Tcb& t) {
    if (t.state != ThreadState::Restart) return;
    t.context.rip = t.context.fault_ip;
    t.state = ThreadState::Running;
}

}  // namespace core
