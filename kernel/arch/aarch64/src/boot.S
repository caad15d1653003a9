/* Entry from QEMU's -kernel (an ELF: no Linux boot protocol, x0 = 0, the device tree at the start
   of RAM) or a loader that passes the device tree in x0, at EL1 or EL2 (dropped to EL1, as seL4's
   elfloader does). Runs at the physical load address with the MMU off until it has built the boot
   page tables, then continues at the kernel's link address in the TTBR1 half. */

/* Stage 1 descriptors, 4 KiB granule (Arm ARM D8.3). MAIR_EL1 holds seL4's memory types in
   seL4's order: Device-nGnRnE 0, Device-nGnRE 1, Device-GRE 2, Normal non-cacheable 3, Normal
   write-back 4. */
#define DESC_TABLE 3
#define DESC_BLOCK 1
#define ATTR_NORMAL (4 << 2)
#define SH_INNER (3 << 8)
#define AF (1 << 10)
#define UXN_BIT 54
#define KERNEL_BLOCK (DESC_BLOCK | ATTR_NORMAL | SH_INNER | AF)  /* EL1 read-write, EL0 none */
#define GIB_BITS 30
#define MAIR_VALUE 0x000000ff440c0400

/* TCR_EL1: 48-bit addresses in both halves (T0SZ = T1SZ = 16), 4 KiB granules, inner-shareable
   write-back walks, 44-bit physical addresses (KernelArmPASizeBits44, Cortex-A57), 16-bit ASIDs
   (AS: seL4's ASIDs go up to 2^16 - 1, TTBR0_EL1's top 16 bits). */
#define TCR_VALUE (16 | (1 << 8) | (1 << 10) | (3 << 12) | (16 << 16) | (1 << 24) | (1 << 26) | (3 << 28) \
                   | (2 << 30) | (4 << 32) | (1 << 36))
/* SCTLR_EL1 as seL4's head.S leaves it (CR_BITS_SET, CR_BITS_CLEAR, without hypervisor support,
   KernelAArch64UserCacheEnable on): the value found read, these bits set (the MMU, the data and
   instruction caches, EL0's CTR_EL0 reads (UCT) and cache maintenance by address (UCI)), these
   cleared (alignment checks, the EL0 stack alignment check SA0, big-endian data at EL1 and EL0);
   every other bit (nTWI and nTWE: WFI and WFE at EL0 not trapped on QEMU) as found. */
#define SCTLR_SET ((1 << 0) | (1 << 2) | (1 << 12) | (1 << 15) | (1 << 26))
#define SCTLR_CLEAR ((1 << 1) | (1 << 4) | (1 << 24) | (1 << 25))
/* Entering EL1 from EL2: AArch64 at EL1 (HCR_EL2.RW), the counters and timers open to EL1
   (CNTHCTL_EL2.EL1PCTEN, EL1PCEN), and EL1h with every exception masked. */
#define HCR_RW (1 << 31)
#define CPACR_FPEN (3 << 20)
#define SPSR_EL1H_MASKED 0x3c5

/* seL4's kernel window (include/arch/arm/arch/64/mode/hardware.h, without hypervisor support):
   PPTR_BASE 0xffffff8000000000 maps physical 0, up to PPTR_TOP 0xffffffffc0000000 (top-level slot
   511, first-level slots 0..510 as 1 GiB blocks). First-level slot 511 leads to the kernel's
   device page table at KDEV_BASE 0xffffffffffe00000 (second-level slot 511). */
#define WINDOW_GIBS 511

    .section .boot.text, "ax"
    .global _start
_start:
    msr daifset, #0xf
    mov x19, x0
    mrs x21, CurrentEL
    mrs x0, CurrentEL
    cmp x0, #(2 << 2)
    b.ne at_el1
    mov x0, #HCR_RW
    msr hcr_el2, x0
    mrs x0, cnthctl_el2
    orr x0, x0, #3
    msr cnthctl_el2, x0
    msr cntvoff_el2, xzr
    mov x0, #SPSR_EL1H_MASKED
    msr spsr_el2, x0
    adr x0, at_el1
    msr elr_el2, x0
    eret

at_el1:
    adrp x0, __bss_start  /* .bss holds the boot page tables and stack */
    add x0, x0, :lo12:__bss_start
    adrp x1, __bss_end
    add x1, x1, :lo12:__bss_end
1:  cmp x0, x1
    b.hs 2f
    str xzr, [x0], #8
    b 1b
2:
    /* The window: 1 GiB blocks of physical memory from 0. */
    adrp x20, boot_l1
    mov x0, #KERNEL_BLOCK
    orr x0, x0, #(1 << UXN_BIT)
    mov x1, #0
    mov x2, #(1 << GIB_BITS)
3:  str x0, [x20, x1, lsl #3]
    add x0, x0, x2
    add x1, x1, #1
    cmp x1, #WINDOW_GIBS
    b.lo 3b
    adrp x0, boot_l2
    orr x0, x0, #DESC_TABLE
    str x0, [x20, #(511 * 8)]
    adrp x1, kernel_device_table
    orr x1, x1, #DESC_TABLE
    adrp x0, boot_l2
    str x1, [x0, #(511 * 8)]
    adrp x0, boot_l0
    orr x1, x20, #DESC_TABLE
    str x1, [x0, #(511 * 8)]

    /* TTBR0, for the jump only: the image's gibibyte at its physical address. */
    adr x0, _start
    lsr x1, x0, #GIB_BITS
    lsl x2, x1, #GIB_BITS
    mov x3, #KERNEL_BLOCK
    orr x2, x2, x3
    adrp x3, boot_identity_l1
    str x2, [x3, x1, lsl #3]
    adrp x4, boot_identity_l0
    orr x3, x3, #DESC_TABLE
    str x3, [x4]

    ldr x0, =MAIR_VALUE
    msr mair_el1, x0
    ldr x0, =TCR_VALUE
    msr tcr_el1, x0
    msr ttbr0_el1, x4
    adrp x0, boot_l0
    msr ttbr1_el1, x0
    isb
    tlbi vmalle1
    dsb nsh
    isb
    mrs x0, sctlr_el1
    ldr x1, =SCTLR_SET
    orr x0, x0, x1
    ldr x1, =SCTLR_CLEAR
    bic x0, x0, x1
    msr sctlr_el1, x0
    isb
    ldr x0, =boot_high  /* the link address: a literal, not a pc-relative address */
    br x0

    .text
boot_high:
    msr ttbr0_el1, xzr  /* the identity map served only the jump; user roots go here later */
    isb
    tlbi vmalle1
    dsb nsh
    isb
    adrp x0, kernel_stack_top
    add sp, x0, :lo12:kernel_stack_top
    adrp x0, exception_vectors
    add x0, x0, :lo12:exception_vectors
    msr vbar_el1, x0
    mov x0, #CPACR_FPEN  /* FP/SIMD open to EL0 and EL1, as seL4's enableFpuEL01 (the kernel uses none) */
    msr cpacr_el1, x0
    isb
    mov x0, x19
    lsr x1, x21, #2
    bl boot_main
4:  wfi  /* boot_main does not return */
    b 4b

    .section .bss
    .balign 4096
    .global boot_l0, kernel_device_table
boot_l0: .skip 4096
boot_l1: .skip 4096
boot_l2: .skip 4096
kernel_device_table: .skip 4096
boot_identity_l0: .skip 4096
boot_identity_l1: .skip 4096
    .balign 16
    .global kernel_stack_top
kernel_stack: .skip 16384  /* the boot's, then every kernel entry's from user mode */
kernel_stack_top:
