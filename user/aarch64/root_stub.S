/* An aarch64 root task until the kernel runs core: it prints a line through seL4_DebugPutChar
   (svc #0, number in x7, the character in x0) with the BootInfo address the kernel passes in x0,
   and stops with seL4_DebugHalt. So far the boot skeleton only checks it as an ELF file. */
#define SYS_DEBUG_PUT_CHAR -9
#define SYS_DEBUG_HALT -11

    .text
    .global _start
_start:
    mov x19, x0  /* seL4_BootInfo* */
    adr x20, greeting
1:  ldrb w0, [x20], #1
    cbz w0, 2f
    mov x7, #SYS_DEBUG_PUT_CHAR
    svc #0
    b 1b
2:  mov x21, #60  /* the BootInfo address in hex, 16 digits */
    adr x22, digits
3:  lsr x0, x19, x21
    and x0, x0, #15
    ldrb w0, [x22, x0]
    mov x7, #SYS_DEBUG_PUT_CHAR
    svc #0
    subs x21, x21, #4
    b.pl 3b
    mov x0, #'\n'
    mov x7, #SYS_DEBUG_PUT_CHAR
    svc #0
    mov x7, #SYS_DEBUG_HALT
    svc #0
4:  b 4b

greeting: .asciz "aarch64 root task: hello from user mode, BootInfo at 0x"
digits: .ascii "0123456789abcdef"
