/* x86_64 user register context and the x86_64-only capability type names (seL4 16.0.0). */
#pragma once

#include <sel4/simple_types.h>

/* The order in which TCB_ReadRegisters / WriteRegisters transfer registers. */
typedef struct seL4_UserContext_ {
    seL4_Word rip, rsp, rflags, rax, rbx, rcx, rdx, rsi, rdi, rbp;
    seL4_Word r8, r9, r10, r11, r12, r13, r14, r15;
    seL4_Word fs_base, gs_base;
} seL4_UserContext;

SEL4_COMPILE_ASSERT(seL4_UserContext_is_20_words, sizeof(seL4_UserContext) == 20 * sizeof(seL4_Word))

typedef seL4_CPtr seL4_X64_PML4;
typedef seL4_CPtr seL4_X86_PDPT;
