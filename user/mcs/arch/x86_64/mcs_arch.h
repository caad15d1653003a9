// The MCS boot test on x86_64: thread-local storage (variant II: the block lies below the thread
// pointer, which points at itself), a thread's first registers, and the entry.
#pragma once
#include <sel4/sel4.h>

// The thread pointer for the TLS block of `words` words at `block`.
inline seL4_Word mcs_thread_pointer(seL4_Word* block, unsigned words) {
    seL4_Word* tp = block + words / 2;
    *tp = reinterpret_cast<seL4_Word>(tp);
    return reinterpret_cast<seL4_Word>(tp);
}

// Sets the registers that start `entry` on the stack ending at `stack_top` (16-byte aligned), as
// if called; returns how many of seL4_UserContext's first words WriteRegisters must write.
inline seL4_Word mcs_start_registers(seL4_UserContext& r, void (*entry)(), seL4_Word stack_top) {
    r.rip = reinterpret_cast<seL4_Word>(entry);
    r.rsp = stack_top - 8;
    return 2;
}

// A reply to a timeout fault that restarts the thread at `entry` on the stack ending at
// `stack_top`: the message registers of seL4_TimeoutReply_FaultIP and _RSP; returns the length.
inline seL4_Word mcs_timeout_reply_restart(void (*entry)(), seL4_Word stack_top) {
    seL4_SetMR(seL4_TimeoutReply_FaultIP, reinterpret_cast<seL4_Word>(entry));
    seL4_SetMR(seL4_TimeoutReply_RSP, stack_top - 8);
    return seL4_TimeoutReply_RSP + 1;
}

// seL4's x86 boot provides the SchedControl cap first, before the paging structures' caps.
inline bool mcs_sched_control_in_place(const seL4_BootInfo* bi) {
    return bi->schedcontrol.start == seL4_NumInitialCaps && bi->userImagePaging.start == bi->schedcontrol.end;
}

// The entry: BootInfo in rdi.
asm(R"(
    .section .text.start, "ax"
    .global _start
_start:
    lea mcs_boot_stack_top(%rip), %rsp
    call mcs_boot_main
)");
