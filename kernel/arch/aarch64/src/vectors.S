/* The EL1 exception vectors (VBAR_EL1): 16 entries of 128 bytes, by where the exception comes from
   (EL1 on SP_EL0, EL1 on SP_EL1, EL0 in AArch64, EL0 in AArch32) and its kind (synchronous, IRQ,
   FIQ, SError). So far only the kernel runs: every entry saves the registers a C++ call may
   clobber, with ELR_EL1 and SPSR_EL1, and calls handle_exception(entry, ESR_EL1, ELR_EL1,
   FAR_EL1), which returns for an interrupt it has handled. */

#define FRAME_BYTES (24 * 8)

.macro entry index
    .balign 128
    sub sp, sp, #FRAME_BYTES
    stp x0, x1, [sp]
    mov x0, #\index
    b kernel_exception
.endm

    .text
    .balign 2048
    .global exception_vectors
exception_vectors:
    .irp index, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
    entry \index
    .endr

/* x2..x18 and x30 above x0 and x1 (saved by the entry), stored (stp) or loaded (ldp). */
.macro caller_saved op
    \op x2, x3, [sp, #(2 * 8)]
    \op x4, x5, [sp, #(4 * 8)]
    \op x6, x7, [sp, #(6 * 8)]
    \op x8, x9, [sp, #(8 * 8)]
    \op x10, x11, [sp, #(10 * 8)]
    \op x12, x13, [sp, #(12 * 8)]
    \op x14, x15, [sp, #(14 * 8)]
    \op x16, x17, [sp, #(16 * 8)]
    \op x18, x30, [sp, #(18 * 8)]
.endm

kernel_exception:
    caller_saved stp
    mrs x1, elr_el1
    mrs x2, spsr_el1
    stp x1, x2, [sp, #(20 * 8)]  /* a nested exception would overwrite them */
    mrs x1, esr_el1
    mrs x2, elr_el1
    mrs x3, far_el1
    bl handle_exception
    ldp x1, x2, [sp, #(20 * 8)]
    msr elr_el1, x1
    msr spsr_el1, x2
    caller_saved ldp
    ldp x0, x1, [sp]
    add sp, sp, #FRAME_BYTES
    eret
