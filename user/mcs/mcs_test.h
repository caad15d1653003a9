// What every MCS test program (boot_test.cc, donation_tests.cc, time_tests.cc: a root task on
// libsel4 alone, one source file each) shares: the IPC buffer pointer, output through
// seL4_DebugPutChar, TLS, objects from an untyped, threads started at a function, the halt at the
// end and the root task's stack.
#pragma once
#include <sel4/sel4.h>
#include <keel/debug_put.h>
#include "mcs_arch.h"

__thread seL4_IPCBuffer* __sel4_ipc_buffer;

namespace mcs {

constexpr auto put = keel::debug_put;
constexpr auto put_number = keel::debug_put_dec;

// Points the thread pointer at the TLS block of 64 words at `block`.
inline void set_tls(seL4_Word* block) { seL4_SetTLSBase(mcs_thread_pointer(block, 64)); }

// Starts `tcb` at `entry` on the stack [stack, stack + stack_size).
inline void start_thread(seL4_CPtr tcb, void (*entry)(), char* stack, seL4_Word stack_size) {
    seL4_UserContext regs = {};
    seL4_Word count = mcs_start_registers(regs, entry, reinterpret_cast<seL4_Word>(stack + stack_size));
    seL4_TCB_WriteRegisters(tcb, 1, 0, count, &regs);
}

// The first RAM untyped of 2^min_bits bytes or more.
inline seL4_CPtr find_untyped(const seL4_BootInfo* bi, seL4_Word min_bits = 16) {
    for (seL4_CPtr s = bi->untyped.start; s < bi->untyped.end; s++) {
        const seL4_UntypedDesc& d = bi->untypedList[s - bi->untyped.start];
        if (!d.isDevice && d.sizeBits >= min_bits) return s;
    }
    return seL4_CapNull;
}

// One object of `type` into the root CNode's `slot`.
inline seL4_Error retype(seL4_CPtr untyped, seL4_Word type, seL4_Word size_bits, seL4_CPtr slot) {
    return seL4_Untyped_Retype(untyped, type, size_bits, seL4_CapInitThreadCNode, 0, 0, slot, 1);
}

// A TAP test's first line, "# start NAME", and its result, "ok N - NAME WHAT" or "not ok ...".
inline void tap_start(const char* name) {
    put("# start ");
    put(name);
    put("\n");
}
inline void tap_result(bool ok, unsigned number, const char* name, const char* what) {
    put(ok ? "ok " : "not ok ");
    put_number(number);
    put(" - ");
    put(name);
    put(" ");
    put(what);
    put("\n");
}

// The end of a test program: the kernel halts (a checked kernel checks its derivation tree first).
[[noreturn]] inline void halt() {
    seL4_DebugHalt();
    for (;;) {}
}

}  // namespace mcs

// The root task's stack, which mcs_arch.h's entry loads.
asm(R"(
    .section .bss
    .balign 16
    .space 16384
mcs_boot_stack_top:
)");
