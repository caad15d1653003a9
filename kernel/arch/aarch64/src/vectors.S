/* The EL1 exception vectors (VBAR_EL1): 16 entries of 128 bytes, by where the exception comes from
   (EL1 on SP_EL0, EL1 on SP_EL1, EL0 in AArch64, EL0 in AArch32) and its kind (synchronous, IRQ,
   FIQ, SError).
   From the kernel (entries 0..7): the registers a C++ call may clobber, with ELR_EL1 and
   SPSR_EL1, are saved on the kernel stack and handle_exception(entry, ESR_EL1, ELR_EL1, FAR_EL1)
   called, which returns for an interrupt it has handled.
   From user mode (entries 8..15): SP_EL1 points at the current thread's arch::Context (set by
   restore_user_context, as seL4 points it at the TCB's registers), where every user register goes
   in seL4's order, ELR_EL1 as FaultIP too (seL4's lower_el_sync and lower_el_irq); then the
   kernel stack, and c_handle_syscall(context, x7) for an svc,
   c_handle_exception(context) for any other synchronous exception, c_handle_interrupt(context)
   for an IRQ, which leave through core (restore_user_context). */

#define FRAME_BYTES (24 * 8)

.macro entry index
    .balign 128
    sub sp, sp, #FRAME_BYTES
    stp x0, x1, [sp]
    mov x0, #\index
    b kernel_exception
.endm

.macro user_entry index
    .balign 128
    stp x0, x1, [sp]
    mov x0, #\index
    b user_exception
.endm

    .text
    .balign 2048
    .global exception_vectors
exception_vectors:
    .irp index, 0, 1, 2, 3, 4, 5, 6, 7
    entry \index
    .endr
    .irp index, 8, 9, 10, 11, 12, 13, 14, 15
    user_entry \index
    .endr

/* The user's x2..x29 in arch::Context, stored (stp) or loaded (ldp). */
.macro user_pairs op
    .irp n, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28
    user_pair \op, \n
    .endr
.endm
.macro user_pair op, n
    .altmacro
    user_pair_at \op, \n, %(\n + 1)
    .noaltmacro
.endm
.macro user_pair_at op, a, b
    \op x\a, x\b, [sp, #(\a * 8)]
.endm

#define CONTEXT_LR (30 * 8)  /* x30, then SP_EL0 */
#define CONTEXT_ELR (32 * 8)
#define CONTEXT_FAULT_IP (34 * 8)
#define CONTEXT_TPIDR (35 * 8)
#define USER_SYNC 8  /* vector entries: EL0 in AArch64, synchronous and IRQ */
#define USER_IRQ 9
#define ESR_EC_SHIFT 26
#define ESR_EC_SVC64 0x15

user_exception:
    user_pairs stp
    mrs x1, sp_el0
    stp x30, x1, [sp, #CONTEXT_LR]
    mrs x1, elr_el1
    mrs x2, spsr_el1
    stp x1, x2, [sp, #CONTEXT_ELR]
    str x1, [sp, #CONTEXT_FAULT_IP]  /* FaultIP: the faulting or interrupted instruction, or after the svc */
    mrs x2, tpidr_el0
    str x2, [sp, #CONTEXT_TPIDR]  /* TPIDRRO_EL0 is read-only at EL0: its saved value stands */
    mov x19, sp  /* the context */
    adrp x2, kernel_stack_top
    add x2, x2, :lo12:kernel_stack_top
    mov sp, x2
    cmp x0, #USER_IRQ
    b.eq 2f
    cmp x0, #USER_SYNC
    b.ne 4f
    mrs x2, esr_el1
    lsr x2, x2, #ESR_EC_SHIFT
    cmp x2, #ESR_EC_SVC64
    b.ne 3f
    mov x0, x19
    ldr x1, [x19, #(7 * 8)]  /* the system call number */
    b c_handle_syscall
2:  mov x0, x19
    b c_handle_interrupt
3:  mov x0, x19
    b c_handle_exception
4:  mrs x1, esr_el1  /* FIQ, SError, AArch32: not for a user thread (a kernel panic) */
    mrs x2, elr_el1
    mrs x3, far_el1
    bl handle_exception
5:  b 5b

/* The idle loop: on the kernel stack, IRQs unmasked, waiting; an IRQ enters through vector
   entry 5 (kernel_exception), which hands it to core. */
    .global idle_loop
idle_loop:
    adrp x0, kernel_stack_top
    add sp, x0, :lo12:kernel_stack_top
    msr daifclr, #2
6:  wfi
    b 6b

    .global restore_user_context
restore_user_context:
    mov sp, x0
    ldp x1, x2, [sp, #CONTEXT_ELR]
    msr elr_el1, x1
    msr spsr_el1, x2
    ldp x30, x1, [sp, #CONTEXT_LR]
    msr sp_el0, x1
    ldp x1, x2, [sp, #CONTEXT_TPIDR]
    msr tpidr_el0, x1
    msr tpidrro_el0, x2
    user_pairs ldp
    ldp x0, x1, [sp]
    eret

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
