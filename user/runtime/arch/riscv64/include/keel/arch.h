/* Keel user runtime, riscv64: what user code needs to know of the architecture (selected by
 * include path: every architecture's keel/arch.h has the same names). */
#pragma once

#include <sel4/sel4.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The object types of a 4 KiB frame, of a 2 MiB one, and of an address space's root (a top-level
 * Sv39 page table). */
#define KEEL_FRAME_OBJECT seL4_RISCV_4K_Page
#define KEEL_LARGE_FRAME_OBJECT seL4_RISCV_Mega_Page
#define KEEL_VSPACE_OBJECT seL4_RISCV_PageTableObject

/* Where keel_spawn_elf maps frames in its own address space to fill them, and a child's IPC
 * buffer: high in Sv39's user half (below 2^38), far from any program image. */
#define KEEL_SPAWN_SCRATCH_VADDR 0x3f00000000ul
#define KEEL_CHILD_IPC_BUFFER_VADDR 0x3ff0000000ul

/* seL4_UserContext words that keel_context_start sets: all 32, through tp. */
#define KEEL_CONTEXT_WORDS 32

/* A context that starts at `pc` on the stack ending at `sp` (0: none, the program sets its own)
 * with thread pointer `tp`. */
static inline void keel_context_start(seL4_UserContext *regs, seL4_Word pc, seL4_Word sp, seL4_Word tp)
{
    regs->pc = pc;
    regs->sp = sp;
    regs->tp = tp;
}

/* The first three arguments of the C calling convention. */
static inline void keel_context_args(seL4_UserContext *regs, seL4_Word a0, seL4_Word a1, seL4_Word a2)
{
    regs->a0 = a0;
    regs->a1 = a1;
    regs->a2 = a2;
}

/* The calling thread's thread pointer: tp, seL4's TLS_BASE register on RISC-V. */
static inline seL4_Word keel_thread_pointer(void)
{
    seL4_Word tp;
    __asm__ volatile("mv %0, tp" : "=r"(tp));
    return tp;
}

/* Sets the calling thread's thread pointer: tp is an ordinary register, no system call needed. */
static inline void keel_set_thread_pointer(seL4_Word tp)
{
    __asm__ volatile("mv tp, %0" ::"r"(tp) : "memory");
}

/* A free-running counter (the time CSR) for measuring time; keel_timer_ticks_per_ms says its rate. */
static inline seL4_Word keel_read_timer(void)
{
    seL4_Word t;
    __asm__ volatile("rdtime %0" : "=r"(t)::"memory");
    return t;
}

/* keel_read_timer's ticks per millisecond: QEMU virt's timebase of 10 MHz (seL4's BootInfo has no
 * chunk that says it on RISC-V; the device tree does, which a root task does not get). */
static inline seL4_Word keel_timer_ticks_per_ms(const seL4_BootInfo *bi)
{
    (void)bi;
    return 10000;
}

#ifdef __cplusplus
}
#endif
