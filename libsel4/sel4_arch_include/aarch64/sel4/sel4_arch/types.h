/* aarch64 user register context, SMC arguments and the VSpace cap type name (seL4 16.0.0). */
#pragma once

#include <sel4/simple_types.h>

typedef seL4_CPtr seL4_ARM_VSpace;

/* The order in which TCB_ReadRegisters / WriteRegisters transfer registers: the frame registers,
 * the other integer registers, the thread ID registers. */
typedef struct seL4_UserContext_ {
    seL4_Word pc, sp, spsr, x0, x1, x2, x3, x4, x5, x6, x7, x8, x16, x17, x18, x29, x30;
    seL4_Word x9, x10, x11, x12, x13, x14, x15, x19, x20, x21, x22, x23, x24, x25, x26, x27, x28;
    seL4_Word tpidr_el0, tpidrro_el0;
} seL4_UserContext;

SEL4_COMPILE_ASSERT(seL4_UserContext_is_36_words, sizeof(seL4_UserContext) == 36 * sizeof(seL4_Word))

/* seL4_ARM_SMC_Call's argument and result registers. */
typedef struct seL4_ARM_SMCContext_ {
    seL4_Word x0, x1, x2, x3, x4, x5, x6, x7;
} seL4_ARM_SMCContext;
