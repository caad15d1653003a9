/* An aarch64 root task that faults at once, the way FAULT_KIND says (one ELF per kind, built by
   kernel/arch/aarch64/CMakeLists.txt): a load from address 0 (unmapped), a store to the kernel
   window, a jump into the kernel image, a load from an address outside both translation ranges.
   The boot skeleton reports the exception with ESR_EL1 and FAR_EL1 (core will deliver it as
   seL4's VM fault). */
#define READ_NULL 1
#define WRITE_KERNEL 2
#define EXECUTE_KERNEL 3
#define NON_CANONICAL 4

    .text
    .global _start
_start:
#if FAULT_KIND == READ_NULL
    mov x0, #0
    ldr x1, [x0]
#elif FAULT_KIND == WRITE_KERNEL
    ldr x0, =0xffffff8040000000  /* the kernel window: the device tree's page */
    str x1, [x0]
#elif FAULT_KIND == EXECUTE_KERNEL
    ldr x0, =0xffffff8040200000  /* the kernel image's first instruction */
    br x0
#elif FAULT_KIND == NON_CANONICAL
    ldr x0, =0x0001000000000000  /* above TTBR0's 48 bits, below TTBR1's */
    ldr x1, [x0]
#else
#error "FAULT_KIND: one of READ_NULL, WRITE_KERNEL, EXECUTE_KERNEL, NON_CANONICAL"
#endif
1:  b 1b
    .ltorg
