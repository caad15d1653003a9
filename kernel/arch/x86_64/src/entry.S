/* Kernel entry and exit: the syscall instruction, all 256 IDT vectors, and the return to user. */

/* offsets in arch::Context (static_asserts in context.h keep them honest) */
#define CTX_FAULT_IP 40
#define CTX_R15 48
#define CTX_RIP 184
#define CTX_CS 192
#define CTX_RFLAGS 200
#define CTX_SIZE 224
/* TSS.RSP0: just past the running thread's arch::Context (cpu_setup.h) */
#define TSS_RSP0 4
/* seL4_SysReplyRecv (generated/syscalls.h); seL4_SysCall is -1 */
#define SYS_REPLY_RECV -2

    .bss
    .balign 16
    .global kernel_stack_top
kernel_stack:
    .skip 16384
kernel_stack_top:
    .global ist_stack_top
ist_stack:
    .skip 4096
ist_stack_top:

    .text

/* The general registers but RCX and R11 (which the context keeps just below the vector) into
   the context that ends at \top, as push_gp_registers would push them below R11's slot. */
.macro save_gp_registers_below top
    mov %rax, CTX_R15 + 12 * 8 - CTX_SIZE(\top)
    mov %rbx, CTX_R15 + 11 * 8 - CTX_SIZE(\top)
    mov %rdx, CTX_R15 + 10 * 8 - CTX_SIZE(\top)
    mov %rsi, CTX_R15 + 9 * 8 - CTX_SIZE(\top)
    mov %rdi, CTX_R15 + 8 * 8 - CTX_SIZE(\top)
    mov %rbp, CTX_R15 + 7 * 8 - CTX_SIZE(\top)
    mov %r8, CTX_R15 + 6 * 8 - CTX_SIZE(\top)
    mov %r9, CTX_R15 + 5 * 8 - CTX_SIZE(\top)
    mov %r10, CTX_R15 + 4 * 8 - CTX_SIZE(\top)
    mov %r12, CTX_R15 + 3 * 8 - CTX_SIZE(\top)
    mov %r13, CTX_R15 + 2 * 8 - CTX_SIZE(\top)
    mov %r14, CTX_R15 + 1 * 8 - CTX_SIZE(\top)
    mov %r15, CTX_R15 - CTX_SIZE(\top)
.endm

/* The general registers but RCX and R11, which the context keeps just below the vector. */
.macro push_gp_registers
    push %rax
    push %rbx
    push %rdx
    push %rsi
    push %rdi
    push %rbp
    push %r8
    push %r9
    push %r10
    push %r12
    push %r13
    push %r14
    push %r15
.endm

/* Returns to user mode with the registers of the arch::Context that ends at TSS.RSP0: the
   thread switch_to_user set up. */
.macro restore_user_registers
    mov kernel_tss+TSS_RSP0(%rip), %rsp
    mov CTX_R15 - CTX_SIZE(%rsp), %r15
    mov CTX_R15 + 1 * 8 - CTX_SIZE(%rsp), %r14
    mov CTX_R15 + 2 * 8 - CTX_SIZE(%rsp), %r13
    mov CTX_R15 + 3 * 8 - CTX_SIZE(%rsp), %r12
    mov CTX_R15 + 4 * 8 - CTX_SIZE(%rsp), %r10
    mov CTX_R15 + 5 * 8 - CTX_SIZE(%rsp), %r9
    mov CTX_R15 + 6 * 8 - CTX_SIZE(%rsp), %r8
    mov CTX_R15 + 7 * 8 - CTX_SIZE(%rsp), %rbp
    mov CTX_R15 + 8 * 8 - CTX_SIZE(%rsp), %rdi
    mov CTX_R15 + 9 * 8 - CTX_SIZE(%rsp), %rsi
    mov CTX_R15 + 10 * 8 - CTX_SIZE(%rsp), %rdx
    mov CTX_R15 + 11 * 8 - CTX_SIZE(%rsp), %rbx
    mov CTX_R15 + 12 * 8 - CTX_SIZE(%rsp), %rax
    mov CTX_R15 + 13 * 8 - CTX_SIZE(%rsp), %r11
    mov CTX_R15 + 14 * 8 - CTX_SIZE(%rsp), %rcx
    lea CTX_RIP - CTX_SIZE(%rsp), %rsp
    iretq
.endm

/* syscall: RCX = user RIP, R11 = user RFLAGS, RSP still the user's, interrupts masked (FMASK).
   As on seL4, a system call does not preserve RSP (libsel4 keeps it in RBX across `syscall`):
   the context's RSP keeps its last value. */
    .global syscall_entry
syscall_entry:
    mov kernel_tss+TSS_RSP0(%rip), %rsp
    /* The context's SS and CS always hold the user selectors (every user context starts with
       them and every trap from user mode pushes them); vector and error are only for traps. */
    mov %r11, CTX_RFLAGS - CTX_SIZE(%rsp)
    mov %rcx, CTX_RIP - CTX_SIZE(%rsp)
    save_gp_registers_below %rsp
    lea -2(%rcx), %rax /* the syscall instruction, where a restarted call resumes */
    mov %rax, CTX_FAULT_IP - CTX_SIZE(%rsp)
    lea kernel_stack_top(%rip), %rsp
    /* Call and ReplyRecv try the IPC fastpath first: one compare, as Call (-1) is the only number
       above ReplyRecv (-2) unsigned */
    cmp $SYS_REPLY_RECV, %rdx
    ja 1f
    je 2f
    mov kernel_tss+TSS_RSP0(%rip), %rdi
    sub $CTX_SIZE, %rdi
    mov %rdx, %rsi
    call c_handle_syscall
    ud2
1:  call c_handle_fastpath_call
    restore_user_registers
2:  call c_handle_fastpath_reply_recv
    restore_user_registers

/* `syscall` from compatibility mode, which no user code can reach (neither the GDT nor an LDT,
   there being none, holds a 32-bit user code segment): off the user's stack at once, then the
   kernel-mode #UD panic. */
    .global compat_syscall_entry
compat_syscall_entry:
    lea kernel_stack_top(%rip), %rsp
    ud2

/* One 16-byte stub per vector; those without a CPU error code push a 0 in its place. */
.macro trap_stub vector
    .balign 16
    .if (\vector == 8) || (\vector == 10) || (\vector == 11) || (\vector == 12) || (\vector == 13) || (\vector == 14) || (\vector == 17) || (\vector == 21) || (\vector == 29) || (\vector == 30)
    .else
    push $0
    .endif
    push $\vector
    jmp trap_common
.endm

    .balign 16
    .global trap_stubs
trap_stubs:
.irp hi, 0,1,2,3,4,5,6,7,8,9,a,b,c,d,e,f
.irp lo, 0,1,2,3,4,5,6,7,8,9,a,b,c,d,e,f
    trap_stub 0x\hi\lo
.endr
.endr

/* A user may enter with RFLAGS.DF set: the kernel's string instructions want it clear. */
trap_common:
    cld
    push %rcx
    push %r11
    push_gp_registers
    lea -CTX_R15(%rsp), %rdi
    testb $3, CTX_CS - CTX_R15(%rsp)
    jz 1f
    /* from user mode: the frame is the thread's context, except for the vectors that run on the
       IST stack (NMI, double fault, machine check), whose frame is copied there */
    mov kernel_tss+TSS_RSP0(%rip), %rax
    sub $CTX_SIZE, %rax
    cmp %rax, %rdi
    je 2f
    mov %rsp, %rsi
    lea CTX_R15(%rax), %rdi
    mov $(CTX_SIZE - CTX_R15) / 8, %ecx
    rep movsq
    mov %rax, %rdi
2:  mov CTX_RIP(%rdi), %rax
    mov %rax, CTX_FAULT_IP(%rdi)
    lea kernel_stack_top(%rip), %rsp
    call c_handle_user_trap
    ud2
1:  /* from kernel mode: the frame is on the kernel stack (or the IST stack); the handler returns
       only for an interrupt take_pending_interrupt let in, to the code it interrupted */
    call c_handle_kernel_trap
    pop %r15
    pop %r14
    pop %r13
    pop %r12
    pop %r10
    pop %r9
    pop %r8
    pop %rbp
    pop %rdi
    pop %rsi
    pop %rdx
    pop %rbx
    pop %rax
    pop %r11
    pop %rcx
    add $16, %rsp /* vector and error code */
    iretq


/* restore_context(): never returns. */
    .global restore_context
restore_context:
    restore_user_registers

/* idle_loop(): runs on the kernel stack with interrupts on until an interrupt arrives. */
    .global idle_loop
idle_loop:
    lea kernel_stack_top(%rip), %rsp
    sti
2:  hlt
    jmp 2b
