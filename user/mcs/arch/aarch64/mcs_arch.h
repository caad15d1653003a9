// The MCS boot test on aarch64: thread-local storage (variant I: TPIDR_EL0 points at a 16-byte
// thread control block the TLS block follows), a thread's first registers, and the entry.
#pragma once
#include <sel4/sel4.h>

// The thread pointer for the TLS block of `words` words at `block` (16-byte aligned): 16 bytes
// before it, which nothing reads.
inline seL4_Word mcs_thread_pointer(seL4_Word* block, unsigned) { return reinterpret_cast<seL4_Word>(block) - 16; }

// Sets the registers that start `entry` on the stack ending at `stack_top` (16-byte aligned);
// returns how many of seL4_UserContext's first words (pc, sp) WriteRegisters must write.
inline seL4_Word mcs_start_registers(seL4_UserContext& r, void (*entry)(), seL4_Word stack_top) {
    r.pc = reinterpret_cast<seL4_Word>(entry);
    r.sp = stack_top;
    return 2;
}

// A reply to a timeout fault that restarts the thread at `entry` on the stack ending at
// `stack_top`: the message registers of seL4_TimeoutReply_FaultIP, _SP and _SPSR_EL1 (0, which the
// kernel sanitises to EL0t); returns the length.
inline seL4_Word mcs_timeout_reply_restart(void (*entry)(), seL4_Word stack_top) {
    seL4_SetMR(seL4_TimeoutReply_FaultIP, reinterpret_cast<seL4_Word>(entry));
    seL4_SetMR(seL4_TimeoutReply_SP, stack_top);
    seL4_SetMR(seL4_TimeoutReply_SPSR_EL1, 0);
    return seL4_TimeoutReply_SPSR_EL1 + 1;
}

// seL4's Arm boot provides the SchedControl cap after the extra BootInfo pages, before the image
// frames.
inline bool mcs_sched_control_in_place(const seL4_BootInfo* bi) {
    return bi->schedcontrol.start == bi->extraBIPages.end && bi->userImageFrames.start == bi->schedcontrol.end;
}

// The entry: BootInfo in x0.
asm(R"(
    .section .text.start, "ax"
    .global _start
_start:
    adrp x9, mcs_boot_stack_top
    add x9, x9, :lo12:mcs_boot_stack_top
    mov sp, x9
    bl mcs_boot_main
)");
