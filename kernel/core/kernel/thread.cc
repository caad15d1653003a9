// The current thread and the choice of what runs next.
#include "kernel/thread.h"

namespace core {
namespace {
Tcb* current = nullptr;
}

Tcb* current_thread() { return current; }
void set_current_thread(Tcb* t) { current = t; }

Tcb* choose_thread() { return current && current->is_runnable() ? current : nullptr; }

}  // namespace core
