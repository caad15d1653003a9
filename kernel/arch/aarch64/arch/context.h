// The user register context saved in every TCB, in seL4 16.0.0's AArch64 register order
// (include/arch/arm/arch/64/mode/machine/registerset.h), which the entry code (src/vectors.S)
// stores into and restores from.
#pragma once
#include "lib/types.h"

namespace arch {

struct Context {
    word x[31];        // X0..X30 (x30: LR)
    word sp_el0;       // the user stack pointer
    word elr_el1;      // seL4's NextIP: where the thread resumes (ELR_EL1 on the way out)
    word spsr_el1;     // the user's PSTATE, restored by eret
    word fault_ip;     // seL4's FaultIP: where a restarted entry resumes (the svc, the faulting instruction)
    word tpidr_el0;    // the TLS base
    word tpidrro_el0;  // read-only to the user: saved and restored only
};
static_assert(sizeof(Context) == 37 * 8, "seL4's n_contextRegisters on AArch64");
// src/vectors.S relies on these offsets.
static_assert(__builtin_offsetof(Context, sp_el0) == 31 * 8 && __builtin_offsetof(Context, elr_el1) == 32 * 8);
static_assert(__builtin_offsetof(Context, fault_ip) == 34 * 8 && __builtin_offsetof(Context, tpidrro_el0) == 36 * 8);

// seL4's PSTATE_USER: EL0t with FIQs masked (IRQs taken in user mode).
constexpr word pstate_user = bit(6);

// A fresh user context that starts at `entry` with `arg0` in x0 (seL4's capRegister).
inline Context initial_user_context(word entry, word arg0) {
    Context c{};
    c.x[0] = arg0;
    c.fault_ip = entry;
    c.elr_el1 = entry;
    c.spsr_el1 = pstate_user;
    return c;
}

// Leaves the kernel into the user context `c` (eret); its next entry saves into `c` again.
extern "C" [[noreturn]] void restore_user_context(Context* c);

}  // namespace arch
