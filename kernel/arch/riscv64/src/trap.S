/* Kernel entry and exit on riscv64. While a user thread runs, sscratch holds its Context (in its
   TCB, in seL4's register order: arch/context.h); in the kernel sscratch is 0. A trap from user
   mode saves every register there and goes on, on the kernel stack, to c_handle_syscall (an
   ecall from U-mode: NextIP moves past it), c_handle_interrupt or c_handle_exception. A trap in
   kernel mode is an interrupt to the idle loop or a kernel fault. */

#define CTX_T0 (4 * 8)
#define CTX_SCAUSE (31 * 8)
#define CTX_SSTATUS (32 * 8)
#define CTX_FAULT_IP (33 * 8)
#define CTX_NEXT_IP (34 * 8)
#define CAUSE_USER_ECALL 8
#define SSTATUS_SIE (1 << 1)

    .text
    .balign 4  /* stvec's low two bits are the mode */
    .global trap_entry
trap_entry:
    csrrw t0, sscratch, t0
    beqz t0, kernel_trap
    sd ra, 0*8(t0)
    sd sp, 1*8(t0)
    sd gp, 2*8(t0)
    sd tp, 3*8(t0)
    sd t1, 5*8(t0)
    sd t2, 6*8(t0)
    sd s0, 7*8(t0)
    sd s1, 8*8(t0)
    sd a0, 9*8(t0)
    sd a1, 10*8(t0)
    sd a2, 11*8(t0)
    sd a3, 12*8(t0)
    sd a4, 13*8(t0)
    sd a5, 14*8(t0)
    sd a6, 15*8(t0)
    sd a7, 16*8(t0)
    sd s2, 17*8(t0)
    sd s3, 18*8(t0)
    sd s4, 19*8(t0)
    sd s5, 20*8(t0)
    sd s6, 21*8(t0)
    sd s7, 22*8(t0)
    sd s8, 23*8(t0)
    sd s9, 24*8(t0)
    sd s10, 25*8(t0)
    sd s11, 26*8(t0)
    sd t3, 27*8(t0)
    sd t4, 28*8(t0)
    sd t5, 29*8(t0)
    sd t6, 30*8(t0)
    csrrw t1, sscratch, zero  /* the user's t0; in the kernel now */
    sd t1, CTX_T0(t0)
    csrr t1, sstatus
    sd t1, CTX_SSTATUS(t0)
    csrr t1, sepc
    sd t1, CTX_FAULT_IP(t0)
    csrr a1, scause
    sd a1, CTX_SCAUSE(t0)
    la sp, kernel_stack_top
    mv a0, t0
    li t2, CAUSE_USER_ECALL
    bne a1, t2, 1f
    addi t1, t1, 4  /* ecall's length */
    sd t1, CTX_NEXT_IP(t0)
    mv a1, a7  /* the system call number */
    j c_handle_syscall
1:  sd t1, CTX_NEXT_IP(t0)
    bltz a1, 2f  /* the interrupt bit is the sign bit */
    j c_handle_exception
2:  j c_handle_interrupt

/* t0 holds sscratch's 0; its own value is back in sscratch. */
kernel_trap:
    csrrw t0, sscratch, t0
    csrr a0, scause
    bgez a0, 3f
    la sp, kernel_stack_top  /* from the idle loop, whose stack nothing needs */
    j c_handle_kernel_interrupt
3:  csrr a1, sepc
    csrr a2, stval
    mv a3, sp
    j c_handle_kernel_exception

/* restore_user_context(Context* c): back to user mode with c's registers, sstatus and NextIP. */
    .global restore_user_context
restore_user_context:
    ld t0, CTX_NEXT_IP(a0)
    csrw sepc, t0
    ld t0, CTX_SSTATUS(a0)
    csrw sstatus, t0
    csrw sscratch, a0
    ld ra, 0*8(a0)
    ld sp, 1*8(a0)
    ld gp, 2*8(a0)
    ld tp, 3*8(a0)
    ld t0, 4*8(a0)
    ld t1, 5*8(a0)
    ld t2, 6*8(a0)
    ld s0, 7*8(a0)
    ld s1, 8*8(a0)
    ld a1, 10*8(a0)
    ld a2, 11*8(a0)
    ld a3, 12*8(a0)
    ld a4, 13*8(a0)
    ld a5, 14*8(a0)
    ld a6, 15*8(a0)
    ld a7, 16*8(a0)
    ld s2, 17*8(a0)
    ld s3, 18*8(a0)
    ld s4, 19*8(a0)
    ld s5, 20*8(a0)
    ld s6, 21*8(a0)
    ld s7, 22*8(a0)
    ld s8, 23*8(a0)
    ld s9, 24*8(a0)
    ld s10, 25*8(a0)
    ld s11, 26*8(a0)
    ld t3, 27*8(a0)
    ld t4, 28*8(a0)
    ld t5, 29*8(a0)
    ld t6, 30*8(a0)
    /* sret keeps an LR reservation: a failing SC drops the one this or another thread left
       (the privileged spec's advice, as seL4's restore_user_context). No user reservation can
       be on the kernel's own memory, so it fails. */
    sc.w zero, zero, (a0)
    ld a0, 9*8(a0)
    sret

/* The idle loop: interrupts on, waiting; an interrupt enters kernel_trap. */
    .global idle_loop
idle_loop:
    la sp, kernel_stack_top
    csrs sstatus, SSTATUS_SIE
4:  wfi
    j 4b

    .section .bss
    .balign 16
kernel_stack: .skip 16384
kernel_stack_top:
