/* Keel user runtime, aarch64: what user code needs to know of the architecture (selected by
 * include path: every architecture's keel/arch.h has the same names). */
#pragma once

#include <sel4/sel4.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The object types of a 4 KiB frame, of a 2 MiB one, and of an address space's root. */
#define KEEL_FRAME_OBJECT seL4_ARM_SmallPageObject
#define KEEL_LARGE_FRAME_OBJECT seL4_ARM_LargePageObject
#define KEEL_VSPACE_OBJECT seL4_ARM_VSpaceObject

/* Where keel_spawn_elf maps frames in its own address space to fill them, and a child's IPC
 * buffer: high in the 48-bit user half, far from any program image. */
#define KEEL_SPAWN_SCRATCH_VADDR 0x7f0000000000ul
#define KEEL_CHILD_IPC_BUFFER_VADDR 0x7ff000000000ul

/* seL4_UserContext words that keel_context_start sets: all 36, through tpidrro_el0. */
#define KEEL_CONTEXT_WORDS 36

/* A context that starts at `pc` on the stack ending at `sp` (0: none, the program sets its own)
 * with thread pointer `tp` (TPIDR_EL0, seL4's TLS_BASE). */
static inline void keel_context_start(seL4_UserContext *regs, seL4_Word pc, seL4_Word sp, seL4_Word tp)
{
    regs->pc = pc;
    regs->sp = sp;
    regs->tpidr_el0 = tp;
}

/* The first three arguments of the C calling convention. */
static inline void keel_context_args(seL4_UserContext *regs, seL4_Word a0, seL4_Word a1, seL4_Word a2)
{
    regs->x0 = a0;
    regs->x1 = a1;
    regs->x2 = a2;
}

/* The calling thread's thread pointer: TPIDR_EL0. */
static inline seL4_Word keel_thread_pointer(void)
{
    seL4_Word tp;
    __asm__ volatile("mrs %0, tpidr_el0" : "=r"(tp));
    return tp;
}

/* Sets the calling thread's thread pointer: TPIDR_EL0 is writable at EL0, no system call needed. */
static inline void keel_set_thread_pointer(seL4_Word tp)
{
    __asm__ volatile("msr tpidr_el0, %0" ::"r"(tp) : "memory");
}

/* A free-running counter (the virtual count, CNTVCT_EL0, which the kernel lets EL0 read as seL4
 * does with KernelArmExportVCNTUser) for measuring time; keel_timer_ticks_per_ms says its rate. */
static inline seL4_Word keel_read_timer(void)
{
    seL4_Word t;
    __asm__ volatile("isb\n mrs %0, cntvct_el0" : "=r"(t)::"memory");
    return t;
}

/* keel_read_timer's ticks per millisecond: CNTFRQ_EL0, readable at EL0 (62.5 MHz on QEMU virt). */
static inline seL4_Word keel_timer_ticks_per_ms(const seL4_BootInfo *bi)
{
    seL4_Word hz;
    (void)bi;
    __asm__ volatile("mrs %0, cntfrq_el0" : "=r"(hz));
    return hz / 1000;
}

#ifdef __cplusplus
}
#endif
