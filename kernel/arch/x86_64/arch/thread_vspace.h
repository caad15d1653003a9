// The address space a thread runs on, cached in its context (shared by switch.cc and the
// simulated machine's return to user mode).
#pragma once
#include "arch/mmu.h"
#include "arch/vspace.h"
#include "object/tcb.h"

namespace arch {

// The thread's address space; a thread without a valid one runs in the kernel's (and faults). A
// valid one is cached in the context with the VTable cap word that names it.
[[gnu::noinline]] inline word decode_vspace_root(core::Tcb& t) {
    word root = t.vspace_root();
    if (!root) return kernel_vspace_root();
    t.context.vspace_cap_word = t.slot(core::TcbSlot::VTable).cap.raw0();
    t.context.vspace_root = root;
    return root;
}

[[gnu::always_inline]] inline word vspace_root_of(core::Tcb& t) {
    bool cached = t.slot(core::TcbSlot::VTable).cap.raw0() == t.context.vspace_cap_word;
    return __builtin_expect(cached, 1) ? t.context.vspace_root : decode_vspace_root(t);
}

}  // namespace arch
