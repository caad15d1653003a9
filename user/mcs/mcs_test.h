// What the MCS test programs (boot_test.cc, time_tests.cc) share: output through
// seL4_DebugPutChar, objects from an untyped, threads started at a function, the halt at the end
// and the root task's stack.
#pragma once
#include <sel4/sel4.h>
#include <keel/debug_put.h>
#include "mcs_arch.h"

namespace mcs {

constexpr auto put = keel::debug_put;
constexpr auto put_number = keel::debug_put_dec;

// Starts `tcb` at `entry` on the stack [stack, stack + stack_size).
inline void start_thread(seL4_CPtr tcb, void (*entry)(), char* stack, seL4_Word stack_size) {
    seL4_UserContext regs = {};
    seL4_Word count = mcs_start_registers(regs, entry, reinterpret_cast<seL4_Word>(stack + stack_size));
    seL4_TCB_WriteRegisters(tcb, 1, 0, count, &regs);
}

// The first RAM untyped of at least 2^16 bytes.
inline seL4_CPtr find_untyped(const seL4_BootInfo* bi) {
    for (seL4_CPtr s = bi->untyped.start; s < bi->untyped.end; s++) {
        const seL4_UntypedDesc& d = bi->untypedList[s - bi->untyped.start];
        if (!d.isDevice && d.sizeBits >= 16) return s;
    }
    return seL4_CapNull;
}

// One object of `type` into the root CNode's `slot`.
inline seL4_Error retype(seL4_CPtr untyped, seL4_Word type, seL4_Word size_bits, seL4_CPtr slot) {
    return seL4_Untyped_Retype(untyped, type, size_bits, seL4_CapInitThreadCNode, 0, 0, slot, 1);
}

// The end of a test program: the kernel halts (a checked kernel checks its derivation tree first).
[[noreturn]] inline void halt() {
    seL4_DebugHalt();
    for (;;) {}
}

}  // namespace mcs

// The root task's stack, which mcs_arch.h's entry loads (one test program is one source file).
asm(R"(
    .section .bss
    .balign 16
    .space 16384
mcs_boot_stack_top:
)");
