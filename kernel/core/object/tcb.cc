// Thread control blocks.
#include "object/tcb.h"
#include "arch/mmu.h"

namespace core {

word Tcb::vspace_root() const { return arch::thread_vspace_root(slots[static_cast<unsigned>(TcbSlot::VTable)].cap); }

namespace {
Tcb* debug_tcbs = nullptr;
}

void debug_forget_all_tcbs() { debug_tcbs = nullptr; }

void debug_register_tcb(Tcb& t) {
    t.debug_prev = nullptr;
    t.debug_next = debug_tcbs;
    if (debug_tcbs) debug_tcbs->debug_prev = &t;
    debug_tcbs = &t;
}

void debug_unregister_tcb(Tcb& t) {
    if (t.debug_prev) t.debug_prev->debug_next = t.debug_next;
    else if (debug_tcbs == &t) debug_tcbs = t.debug_next;
    if (t.debug_next) t.debug_next->debug_prev = t.debug_prev;
    t.debug_next = t.debug_prev = nullptr;
}

Tcb* debug_first_tcb() { return debug_tcbs; }

void Tcb::set_name(const char* s) {
    usize i = 0;
    for (; s[i] && i + 1 < sizeof(name); i++) name[i] = s[i];
    name[i] = '\0';
}
}  // namespace core
