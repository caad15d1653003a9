/* Keel user runtime, x86_64: what user code needs to know of the architecture (selected by
 * include path: every architecture's keel/arch.h has the same names). */
#pragma once

#include <sel4/sel4.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The object types of a 4 KiB frame, of a 2 MiB one, and of an address space's root. */
#define KEEL_FRAME_OBJECT seL4_X86_4K
#define KEEL_LARGE_FRAME_OBJECT seL4_X86_LargePageObject
#define KEEL_VSPACE_OBJECT seL4_X64_PML4Object

/* Where keel_spawn_elf maps frames in its own address space to fill them, and a child's IPC
 * buffer: high in the lower half, far from any program image. */
#define KEEL_SPAWN_SCRATCH_VADDR 0x7f0000000000ul
#define KEEL_CHILD_IPC_BUFFER_VADDR 0x7ff000000000ul

/* seL4_UserContext words that keel_context_start sets: through fs_base. */
#define KEEL_CONTEXT_WORDS 20

/* A context that starts at `pc` on the stack ending at `sp` (0: none, the program sets its own)
 * with thread pointer `tp` (the FS base): RSP as if `call` had pushed a return address. */
static inline void keel_context_start(seL4_UserContext *regs, seL4_Word pc, seL4_Word sp, seL4_Word tp)
{
    regs->rip = pc;
    regs->rsp = sp ? sp - 8 : 0;
    regs->fs_base = tp;
}

/* The first three arguments of the C calling convention. */
static inline void keel_context_args(seL4_UserContext *regs, seL4_Word a0, seL4_Word a1, seL4_Word a2)
{
    regs->rdi = a0;
    regs->rsi = a1;
    regs->rdx = a2;
}

/* The calling thread's thread pointer (its TLS block's first word points to itself). */
static inline seL4_Word keel_thread_pointer(void)
{
    seL4_Word tp;
    __asm__ volatile("mov %%fs:0, %0" : "=r"(tp));
    return tp;
}

/* Sets the calling thread's thread pointer: the FS base, through the kernel. */
static inline void keel_set_thread_pointer(seL4_Word tp)
{
    seL4_SetTLSBase(tp);
}

/* A free-running counter (the TSC) for measuring time; keel_timer_ticks_per_ms says its rate. */
static inline seL4_Word keel_read_timer(void)
{
    seL4_Uint32 lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi)::"memory");
    return ((seL4_Word)hi << 32) | lo;
}

/* keel_read_timer's ticks per millisecond: the TSC's rate from BootInfo's TSC frequency chunk
 * (0 when absent). */
static inline seL4_Word keel_timer_ticks_per_ms(const seL4_BootInfo *bi)
{
    const unsigned char *extra = (const unsigned char *)bi + 4096;
    for (seL4_Word at = 0; at + sizeof(seL4_BootInfoHeader) <= bi->extraLen;) {
        seL4_BootInfoHeader h;
        __builtin_memcpy(&h, extra + at, sizeof(h));
        if (h.len < sizeof(h)) return 0;
        if (h.id == SEL4_BOOTINFO_HEADER_X86_TSC_FREQ) {
            seL4_Uint32 mhz;
            __builtin_memcpy(&mhz, extra + at + sizeof(h), sizeof(mhz));
            return (seL4_Word)mhz * 1000;
        }
        at += h.len;
    }
    return 0;
}

#ifdef __cplusplus
}
#endif
