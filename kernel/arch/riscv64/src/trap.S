/* The supervisor trap vector (stvec, direct mode): kernel-mode traps only, so far. The C++ handler
   preserves the callee-saved registers; the caller-saved ones are saved here. */

#define CALLER_SAVED ra, t0, t1, t2, t3, t4, t5, t6, a0, a1, a2, a3, a4, a5, a6, a7
#define FRAME_BYTES (16 * 8)

    .text
    .balign 4  /* stvec's low two bits are the mode */
    .global trap_entry
trap_entry:
    addi sp, sp, -FRAME_BYTES
    .set offset, 0
    .irp reg, CALLER_SAVED
    sd \reg, offset(sp)
    .set offset, offset + 8
    .endr
    csrr a0, scause
    csrr a1, sepc
    csrr a2, stval
    call handle_trap
    .set offset, 0
    .irp reg, CALLER_SAVED
    ld \reg, offset(sp)
    .set offset, offset + 8
    .endr
    addi sp, sp, FRAME_BYTES
    sret
