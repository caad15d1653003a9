// The kernel's globals (the current thread, ready queues, IRQ slots, the invariant checks' root
// CNode) and the simulated machine (its RAM, ASID table, TLB) come to point into memory a test
// world owns. A world holds a FreshKernel after its memory: the kernel starts as boot leaves it
// with the world and forgets the world when it goes, so a later test in the same process (the
// whole binary run at once) never follows a pointer into freed memory.
#pragma once
#include "arch/host_machine.h"
#include "arch/vspace.h"  // reset_machine, on the x86_64 machine
#include "kernel/kernel_state.h"

struct FreshKernel {
    FreshKernel(u8* phys, word size) {
        core::init_kernel_state();
        host::reset_machine(phys, size);
    }
    ~FreshKernel() {
        core::init_kernel_state();
        host::reset_machine(nullptr, 0);
    }
    FreshKernel(const FreshKernel&) = delete;
    FreshKernel& operator=(const FreshKernel&) = delete;
};
