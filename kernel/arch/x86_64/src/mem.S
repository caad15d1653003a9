/* memcpy, memmove, memset, memcmp, strlen for the kernel (the compiler may emit calls to them). */
    .text
    .global memcpy
memcpy:
    mov %rdi, %rax
    mov %rdx, %rcx
    rep movsb
    ret

    .global memmove
memmove:
    mov %rdi, %rax
    cmp %rsi, %rdi
    jbe memcpy
    lea -1(%rdi,%rdx), %rdi
    lea -1(%rsi,%rdx), %rsi
    mov %rdx, %rcx
    std
    rep movsb
    cld
    ret

    /* Eight bytes a store, then the rest one by one: under QEMU's -icount every iteration of a
     * rep prefix counts as an instruction, and a Retype of 256 TCBs zeroes 952 bytes of each
     * with interrupts off (docs/performance.md, "Worst-case interrupt latency"). */
    .global memset
memset:
    mov %rdi, %r9
    movzbl %sil, %eax
    movabs $0x0101010101010101, %rcx
    imul %rcx, %rax
    mov %rdx, %rcx
    shr $3, %rcx
    rep stosq
    mov %edx, %ecx
    and $7, %ecx
    rep stosb
    mov %r9, %rax
    ret

    .global memcmp
memcmp:
    xor %eax, %eax
    mov %rdx, %rcx
    repe cmpsb
    je 1f
    movzbl -1(%rdi), %eax
    movzbl -1(%rsi), %ecx
    sub %ecx, %eax
1:  ret

    .global strlen
strlen:
    xor %eax, %eax
1:  cmpb $0, (%rdi,%rax)
    je 2f
    inc %rax
    jmp 1b
2:  ret
