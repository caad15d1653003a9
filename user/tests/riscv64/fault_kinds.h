// The riscv64 ways for user/tests/faulter.cc to fault, one per FAULT_KIND_<kind>: the exceptions
// a U-mode thread can raise on QEMU virt (Sv39, the C extension on, OpenSBI below the kernel).
#pragma once
#include <keel/alloc.h>
#include <keel/process.h>

inline void take_fault() {
#if defined(FAULT_KIND_null_deref)
    asm volatile("ld t0, 0(zero)" ::: "t0");  // a load page fault at 0
#elif defined(FAULT_KIND_write_kernel)
    asm volatile("li t0, 0xffffffc080000000; sd zero, 0(t0)" ::: "t0", "memory");  // the kernel window
#elif defined(FAULT_KIND_execute_kernel)
    asm volatile("li t0, 0xffffffff80200000; jr t0" ::: "t0");  // the kernel image's first instruction
#elif defined(FAULT_KIND_illegal_instruction)
    asm volatile("unimp");
#elif defined(FAULT_KIND_ebreak)
    asm volatile("ebreak");
#elif defined(FAULT_KIND_misaligned_load)
    // QEMU carries out misaligned loads and stores (no trap, not even to OpenSBI): the thread never notices.
    unsigned long v;
    asm volatile("addi t0, sp, -13; ld %0, 0(t0)" : "=r"(v)::"t0", "memory");
#elif defined(FAULT_KIND_misaligned_store)
    asm volatile("addi t0, sp, -13; sd zero, 0(t0)" ::: "t0", "memory");
#elif defined(FAULT_KIND_unknown_syscall_positive)
    asm volatile("li a7, 0x7fffffffffffffff; ecall" ::: "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "memory");
#elif defined(FAULT_KIND_unknown_syscall_negative)
    asm volatile("li a7, 0x8000000000000000; ecall" ::: "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "memory");
#elif defined(FAULT_KIND_privileged_csr)
    asm volatile("csrr t0, sstatus" ::: "t0");
#elif defined(FAULT_KIND_privileged_sret)
    asm volatile("sret");
#elif defined(FAULT_KIND_privileged_wfi)
    asm volatile("wfi");
#elif defined(FAULT_KIND_non_canonical)
    asm volatile("li t0, 0x8000000000; jr t0" ::: "t0");  // bit 39 set, bit 38 clear: not an Sv39 address
#elif defined(FAULT_KIND_stack_outside_sv39)
    asm volatile("li sp, 0x8000000000; addi sp, sp, -8; sd zero, 0(sp)" ::: "memory");  // a push
#elif defined(FAULT_KIND_stack_in_kernel)
    // The stack dump must not show the kernel's memory (seL4's would: it walks the kernel's mappings too).
    asm volatile("li sp, 0xffffffc080000000; addi sp, sp, -8; sd zero, 0(sp)" ::: "memory");
#elif defined(FAULT_KIND_device_stack)
    // The stack in a device frame over a hole of QEMU virt's physical map (0x200000, between the
    // RTC and the CLINT): the kernel must not read it for the dump (a load access fault in S-mode).
    constexpr unsigned long at = 0x10000000;
    keel_map_frame(keel_device_frame(0x200000), seL4_CapInitThreadVSpace, at, seL4_ReadWrite);
    asm volatile("mv sp, %0; unimp" ::"r"(at + 0x800) : "memory");
#elif defined(FAULT_KIND_misaligned_stack)
    asm volatile("addi sp, sp, -3; sd zero, 0(sp); unimp" ::: "memory");
#elif defined(FAULT_KIND_odd_pc)
    // jalr clears bit 0 of its target: the jump lands on the ebreak, not on the unimp before it.
    asm volatile(".option push; .option rvc; la t0, 1f; addi t0, t0, 1; jr t0; c.unimp; 1: ebreak; .option pop" ::: "t0");
#elif defined(FAULT_KIND_half_aligned_pc)
    // With the C extension a pc 2 bytes past a word boundary is legal: a c.ebreak there.
    asm volatile(".option push; .option rvc; la t0, 1f; addi t0, t0, 2; jr t0; .balign 4; 1: c.unimp; c.ebreak; .option pop"
                 ::: "t0");
#endif
}
