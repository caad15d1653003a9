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

    .global memset
memset:
    mov %rdi, %r9
    mov %esi, %eax
    mov %rdx, %rcx
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
