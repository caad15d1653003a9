/* Entry from OpenSBI in S-mode, a0 = hart id, a1 = physical address of the device tree. Runs at
   the physical load address with the MMU off until it has built the Sv39 boot page table, then
   continues at the kernel's link address. */

/* Sv39 page-table entry bits (RISC-V privileged spec, 4.3.1). A and D are set up front: a hart
   may fault instead of setting them itself. */
#define PTE_V (1 << 0)
#define PTE_R (1 << 1)
#define PTE_W (1 << 2)
#define PTE_X (1 << 3)
#define PTE_G (1 << 5)
#define PTE_A (1 << 6)
#define PTE_D (1 << 7)
#define PTE_KERNEL_DATA (PTE_V | PTE_R | PTE_W | PTE_G | PTE_A | PTE_D)
#define PTE_KERNEL_CODE (PTE_KERNEL_DATA | PTE_X)
#define PTE_PPN_SHIFT 10
#define GIGAPAGE_BITS 30
#define GIGAPAGE_PTE_STEP (1 << (GIGAPAGE_BITS - 12 + PTE_PPN_SHIFT)) /* 1 GiB more physical address */
#define SATP_MODE_SV39 (8 << 60)

/* Top-level slots (1 GiB each) of seL4's kernel window: PPTR_BASE = 0xffffffc000000000 maps
   physical address 0, up to PPTR_TOP = 0xffffffff80000000, where the kernel image's gigapage is. */
#define SLOT_PPTR_BASE 256
#define SLOT_PPTR_TOP 510

    .section .boot.text, "ax"
    .global _start
_start:
    csrw sie, zero
    mv s0, a0
    mv s1, a1

    lla t0, __bss_start  /* .bss holds the boot page table and stack */
    lla t1, __bss_end
1:  bgeu t0, t1, 2f
    sd zero, (t0)
    addi t0, t0, 8
    j 1b
2:
    lla s2, boot_page_table

    /* (a) All physical memory the window can hold, in gigapages. */
    li t0, SLOT_PPTR_BASE
    li t1, SLOT_PPTR_TOP
    li t2, PTE_KERNEL_DATA
    li t3, GIGAPAGE_PTE_STEP
    slli t4, t0, 3
    add t4, s2, t4
3:  sd t2, (t4)
    add t2, t2, t3
    addi t4, t4, 8
    addi t0, t0, 1
    bltu t0, t1, 3b

    /* (b) The gigapage holding the image, at PPTR_TOP (where the image is linked) and, for the
       jump there, at its physical address (the image lies below 256 GiB, under the window). */
    lla t0, _start
    srli s3, t0, GIGAPAGE_BITS
    slli t0, s3, GIGAPAGE_BITS - 12 + PTE_PPN_SHIFT
    ori t0, t0, PTE_KERNEL_CODE
    li t1, SLOT_PPTR_TOP * 8
    add t1, s2, t1
    sd t0, (t1)
    slli t1, s3, 3
    add t1, s2, t1
    sd t0, (t1)

    srli t0, s2, 12
    li t1, SATP_MODE_SV39
    or t0, t0, t1
    sfence.vma
    csrw satp, t0
    sfence.vma
    ld t0, boot_high_address  /* the link address: a literal, not a pc-relative address */
    jr t0

    .balign 8
boot_high_address:
    .quad boot_high

    .text
boot_high:
    la t0, boot_page_table  /* the identity slot served only the jump */
    slli t1, s3, 3
    add t0, t0, t1
    sd zero, (t0)
    sfence.vma

    la sp, boot_stack_top
    la t0, trap_entry
    csrw stvec, t0
    csrw sscratch, zero  /* in the kernel: the trap entry tells kernel from user traps by it */
    mv a0, s0
    mv a1, s1
    call boot_main
4:  wfi  /* boot_main does not return */
    j 4b

    .section .bss
    .balign 4096
    .global boot_page_table
boot_page_table: .skip 4096
    .balign 16
boot_stack: .skip 16384
boot_stack_top:
