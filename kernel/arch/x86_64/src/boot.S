/* Multiboot 1 and 2 headers and the 32-bit entry: set up paging and enter 64-bit mode. */

#define MB1_MAGIC 0x1BADB002
#define MB1_FLAGS 0x00010003 /* page-aligned modules, memory map, load addresses in header */
#define MB2_MAGIC 0xe85250d6

#define KERNEL_VIRT 0xffffffff80000000
#define PTE_P 0x1
#define PTE_RW 0x2
#define PTE_PS 0x80

#define CR0_PE (1 << 0)
#define CR0_MP (1 << 1)
#define CR0_WP (1 << 16)
#define CR0_PG (1 << 31)
#define CR4_PAE (1 << 5)
#define MSR_EFER 0xc0000080
#define EFER_LME (1 << 8)
#define EFER_NXE (1 << 11)

    .section .multiboot, "a"
    .balign 8
mb1_header:
    .long MB1_MAGIC
    .long MB1_FLAGS
    .long -(MB1_MAGIC + MB1_FLAGS)
    .long mb1_header          /* header_addr */
    .long __kernel_phys_start /* load_addr */
    .long __load_end_phys     /* load_end_addr */
    .long __bss_end_phys      /* bss_end_addr */
    .long _start              /* entry_addr */

    .balign 8
mb2_header:
    .long MB2_MAGIC
    .long 0 /* i386 protected mode */
    .long mb2_header_end - mb2_header
    .long 0x100000000 - (MB2_MAGIC + (mb2_header_end - mb2_header))
    .balign 8 /* address tag */
    .short 2, 0
    .long 24
    .long mb2_header, __kernel_phys_start, __load_end_phys, __bss_end_phys
    .balign 8 /* entry address tag */
    .short 3, 0
    .long 12
    .long _start
    .balign 8 /* end tag */
    .short 0, 0
    .long 8
mb2_header_end:

    .section .boot.bss, "aw", @nobits
    .balign 4096
    .global boot_pml4
boot_pml4: .skip 4096
boot_pdpt_low: .skip 4096
boot_pdpt_high: .skip 4096
boot_pd: .skip 4096 /* 512 x 2 MiB: physical 0-1 GiB */

    .section .boot.data, "aw"
    .balign 8
boot_gdt:
    .quad 0
    .quad 0x00af9a000000ffff /* 0x08: 64-bit kernel code */
    .quad 0x00cf92000000ffff /* 0x10: kernel data */
boot_gdt_end:
boot_gdt_ptr:
    .short boot_gdt_end - boot_gdt - 1
    .long boot_gdt
no_long_mode_msg:
    .asciz "Keel: this CPU has no 64-bit long mode; halting\r\n"

    .section .boot.text, "ax"
    .code32
    .global _start
_start:
    cli
    cld
    mov %eax, %ebp /* loader magic */
    mov %ebx, %esi /* loader information structure (CPUID clobbers EBX) */

    mov $0x80000000, %eax
    cpuid
    cmp $0x80000001, %eax
    jb no_long_mode
    mov $0x80000001, %eax
    cpuid
    bt $29, %edx
    jnc no_long_mode

    /* zero the boot page tables */
    mov $boot_pml4, %edi
    xor %eax, %eax
    mov $(4 * 4096 / 4), %ecx
    rep stosl

    /* boot_pd: 2 MiB pages covering physical 0-1 GiB */
    mov $boot_pd, %edi
    mov $(PTE_P | PTE_RW | PTE_PS), %eax
    mov $512, %ecx
1:  mov %eax, (%edi)
    add $0x200000, %eax
    add $8, %edi
    loop 1b

    /* identity (to get into the upper half), the physical window at PML4[511]/PDPT[0],
     * and the kernel image at PML4[511]/PDPT[510] */
    movl $(boot_pd + PTE_P + PTE_RW), boot_pdpt_low
    movl $(boot_pd + PTE_P + PTE_RW), boot_pdpt_high
    movl $(boot_pd + PTE_P + PTE_RW), boot_pdpt_high + 510 * 8
    movl $(boot_pdpt_low + PTE_P + PTE_RW), boot_pml4
    movl $(boot_pdpt_high + PTE_P + PTE_RW), boot_pml4 + 511 * 8

    mov %cr4, %eax
    or $CR4_PAE, %eax
    mov %eax, %cr4
    mov $boot_pml4, %eax
    mov %eax, %cr3
    mov $MSR_EFER, %ecx
    rdmsr
    or $(EFER_LME | EFER_NXE), %eax
    wrmsr
    mov %cr0, %eax
    or $(CR0_PE | CR0_MP | CR0_WP | CR0_PG), %eax
    and $~(1 << 2), %eax /* EM off: the FPU is real */
    mov %eax, %cr0

    lgdt boot_gdt_ptr
    ljmp $0x08, $long_mode_entry

no_long_mode:
    mov $no_long_mode_msg, %esi /* the boot cannot go on: EBX is no longer needed */
2:  lodsb
    test %al, %al
    jz 3f
    mov $0x3f8, %dx
    out %al, %dx
    jmp 2b
3:  hlt
    jmp 3b

    .code64
long_mode_entry:
    mov $0x10, %eax
    mov %eax, %ds
    mov %eax, %es
    mov %eax, %ss
    xor %eax, %eax
    mov %eax, %fs
    mov %eax, %gs
    movabs $kernel_stack_top, %rsp
    mov %ebp, %edi /* magic (zero-extended) */
    mov %esi, %esi /* information structure, physical (zero-extended) */
    movabs $boot_main, %rax
    call *%rax
4:  hlt
    jmp 4b
