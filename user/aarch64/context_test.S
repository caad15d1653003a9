/* The aarch64 user context across interrupts: x1..x30, SP_EL0, TPIDR_EL0 and the 128-bit
   FP/SIMD registers v0..v31 are given distinct values, the task spins long enough for the tick to interrupt it at EL0 (a few million
   iterations against a 2 ms tick), then checks every one of them and says so through
   seL4_DebugPutChar before seL4_DebugHalt. */
#define SYS_DEBUG_PUT_CHAR -9
#define SYS_DEBUG_HALT -11
#define SPIN 20000000
#define PATTERN(n) (0x0101010101010101 * (n))

    .text
    .global _start
_start:
    .irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
    ldr x0, =PATTERN(\n + 64)
    fmov d\n, x0
    ldr x0, =PATTERN(\n + 128)
    mov v\n\().d[1], x0
    .endr
    ldr x0, =PATTERN(31)
    mov sp, x0
    ldr x0, =PATTERN(32)
    msr tpidr_el0, x0
    .irp n, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30
    ldr x\n, =PATTERN(\n)
    .endr
    ldr x0, =SPIN
1:  subs x0, x0, #1
    b.ne 1b
    .irp n, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30
    ldr x0, =PATTERN(\n)
    cmp x\n, x0
    b.ne corrupted
    .endr
    ldr x0, =PATTERN(31)
    mov x1, sp
    cmp x1, x0
    b.ne corrupted
    ldr x0, =PATTERN(32)
    mrs x1, tpidr_el0
    cmp x1, x0
    b.ne corrupted
    .irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
    ldr x0, =PATTERN(\n + 64)
    fmov x1, d\n
    cmp x1, x0
    b.ne corrupted
    ldr x0, =PATTERN(\n + 128)
    mov x1, v\n\().d[1]
    cmp x1, x0
    b.ne corrupted
    .endr
    adr x20, intact
    b print
corrupted:
    adr x20, broken
print:
    ldrb w0, [x20], #1
    cbz w0, halt
    mov x7, #SYS_DEBUG_PUT_CHAR
    svc #0
    b print
halt:
    mov x7, #SYS_DEBUG_HALT
    svc #0
2:  b 2b

intact: .asciz "aarch64 context test: x1..x30, sp, tpidr_el0 and v0..v31 intact across interrupts\n"
broken: .asciz "aarch64 context test: a register changed across interrupts\n"
    .ltorg
