// One-time CPU set-up (descriptor tables, system call MSRs, FPU, legacy interrupt controller), and
// the TSS with the kernel entry stack it names.
#pragma once
#include "lib/types.h"

namespace arch {

struct [[gnu::packed]] Tss {
    u32 reserved0;
    u64 rsp[3];
    u64 reserved1;
    u64 ist[7];
    u64 reserved2;
    u16 reserved3;
    u16 iomap_base;
};
static_assert(sizeof(Tss) == 104);
static_assert(__builtin_offsetof(Tss, rsp) == 4, "entry.S reads RSP0 at kernel_tss + 4");
// The TSS; its RSP0 also tells the syscall stub where to save registers.
extern "C" Tss kernel_tss;

void init_cpu();

// Interrupts, exceptions and system calls from user mode save the registers just below
// `context_top`: the running thread's arch::Context.
inline void set_kernel_entry_stack(const void* context_top) { kernel_tss.rsp[0] = reinterpret_cast<word>(context_top); }

}  // namespace arch
