// The MCS boot test on riscv64: thread-local storage (variant I: the block starts at the thread
// pointer, tp), a thread's first registers, and the entry.
#pragma once
#include <sel4/sel4.h>

// The thread pointer for the TLS block of `words` words at `block`.
inline seL4_Word mcs_thread_pointer(seL4_Word* block, unsigned) { return reinterpret_cast<seL4_Word>(block); }

// Sets the registers that start `entry` on the stack ending at `stack_top` (16-byte aligned);
// returns how many of seL4_UserContext's first words (pc, ra, sp) WriteRegisters must write.
inline seL4_Word mcs_start_registers(seL4_UserContext& r, void (*entry)(), seL4_Word stack_top) {
    r.pc = reinterpret_cast<seL4_Word>(entry);
    r.sp = stack_top;
    return 3;
}

// A reply to a timeout fault that restarts the thread at `entry` on the stack ending at
// `stack_top`: the message registers of seL4_TimeoutReply_FaultIP, _LR (0) and _SP; returns the length.
inline seL4_Word mcs_timeout_reply_restart(void (*entry)(), seL4_Word stack_top) {
    seL4_SetMR(seL4_TimeoutReply_FaultIP, reinterpret_cast<seL4_Word>(entry));
    seL4_SetMR(seL4_TimeoutReply_LR, 0);
    seL4_SetMR(seL4_TimeoutReply_SP, stack_top);
    return seL4_TimeoutReply_SP + 1;
}

// seL4's RISC-V boot provides the SchedControl cap after the extra BootInfo pages, before the
// image frames.
inline bool mcs_sched_control_in_place(const seL4_BootInfo* bi) {
    return bi->schedcontrol.start == bi->extraBIPages.end && bi->userImageFrames.start == bi->schedcontrol.end;
}

// The entry: BootInfo in a0.
asm(R"(
    .section .text.start, "ax"
    .global _start
_start:
    lla sp, mcs_boot_stack_top
    call mcs_boot_main
)");
