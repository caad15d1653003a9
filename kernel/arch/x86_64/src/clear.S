/* Zeroing the memory the kernel hands out: a multiple of 256 bytes, or 2^n bytes (n >= 4), at a
 * 16-byte aligned address.
 *
 * The widest stores a Nehalem-class x86_64 has are SSE's 16 bytes (no AVX): 16 `movaps` of a
 * zeroed XMM0 per loop round, 256 bytes, so a 4 KiB page takes about 300 instructions (`rep
 * stosq` would count 512 under QEMU's -icount, one per iteration, and `rep stosb` 4096). The
 * kernel switches the FPU eagerly, so XMM0 holds some thread's register: it is saved on the stack
 * and restored. While CR0.TS is set (the last thread to run has its FPU disabled) an SSE
 * instruction would raise #NM in the kernel, so `rep stosq` zeroes instead. Stores are ordinary
 * (temporal): what is zeroed is used at once (a reset zeroes top down and Retype places the new
 * objects at the bottom). Interrupts are off in the kernel, so nothing else sees XMM0 meanwhile.
 */
    .text

/* void arch_clear_memory(void* p, word bytes) */
    .global arch_clear_memory
arch_clear_memory:
    mov %cr0, %rax
    test $8, %al             /* CR0.TS */
    jnz arch_clear_memory_words
    /* fall through */

/* void arch_clear_memory_vectors(void* p, word bytes) */
    .global arch_clear_memory_vectors
arch_clear_memory_vectors:
    sub $16, %rsp
    movups %xmm0, (%rsp)
    xorps %xmm0, %xmm0
    lea 128(%rdi,%rsi), %rdi /* the end, biased so that every offset fits a signed byte */
    neg %rsi                 /* counts up to 0 */
    cmp $-256, %rsi
    jg 2f                    /* fewer than 256 bytes: one store a round */
1:  movaps %xmm0, -128(%rdi,%rsi)
    movaps %xmm0, -112(%rdi,%rsi)
    movaps %xmm0, -96(%rdi,%rsi)
    movaps %xmm0, -80(%rdi,%rsi)
    movaps %xmm0, -64(%rdi,%rsi)
    movaps %xmm0, -48(%rdi,%rsi)
    movaps %xmm0, -32(%rdi,%rsi)
    movaps %xmm0, -16(%rdi,%rsi)
    movaps %xmm0, 0(%rdi,%rsi)
    movaps %xmm0, 16(%rdi,%rsi)
    movaps %xmm0, 32(%rdi,%rsi)
    movaps %xmm0, 48(%rdi,%rsi)
    movaps %xmm0, 64(%rdi,%rsi)
    movaps %xmm0, 80(%rdi,%rsi)
    movaps %xmm0, 96(%rdi,%rsi)
    movaps %xmm0, 112(%rdi,%rsi)
    add $256, %rsi
    jnz 1b
    jmp 3f
2:  movaps %xmm0, -128(%rdi,%rsi)
    add $16, %rsi
    jnz 2b
3:  movups (%rsp), %xmm0
    add $16, %rsp
    ret

/* void arch_clear_memory_words(void* p, word bytes) */
    .global arch_clear_memory_words
arch_clear_memory_words:
    mov %rsi, %rcx
    shr $3, %rcx
    xor %eax, %eax
    rep stosq
    ret
