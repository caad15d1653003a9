/* A riscv64 root task until RISC-V user programs exist: an ELF the boot skeleton checks as its
   initrd. It never runs yet; if it did, it would spin. */
    .text
    .global _start
_start:
    j _start
