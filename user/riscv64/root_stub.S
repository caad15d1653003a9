/* A riscv64 root task until the runtime and libsel4 build for riscv64: it prints a line through
   seL4_DebugPutChar (ecall, number in a7, the character in a0) with the BootInfo address the
   kernel passed in a0, and stops with seL4_DebugHalt. */
#define SYS_DEBUG_PUT_CHAR -9
#define SYS_DEBUG_HALT -11

    .text
    .global _start
_start:
    mv s1, a0  /* seL4_BootInfo* */
    lla s0, greeting
1:  lbu a0, (s0)
    beqz a0, 2f
    li a7, SYS_DEBUG_PUT_CHAR
    ecall
    addi s0, s0, 1
    j 1b
2:  li s2, 60  /* the BootInfo address in hex, 16 digits */
3:  srl a0, s1, s2
    andi a0, a0, 15
    lla t0, digits
    add t0, t0, a0
    lbu a0, (t0)
    li a7, SYS_DEBUG_PUT_CHAR
    ecall
    addi s2, s2, -4
    bgez s2, 3b
    li a0, '\n'
    li a7, SYS_DEBUG_PUT_CHAR
    ecall
    li a7, SYS_DEBUG_HALT
    ecall
4:  j 4b

    .section .rodata
greeting: .asciz "riscv64 root task: hello from user mode, BootInfo at 0x"
digits: .ascii "0123456789abcdef"
