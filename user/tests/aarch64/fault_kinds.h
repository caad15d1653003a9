// The aarch64 ways for user/tests/faulter.cc to fault, one per FAULT_KIND_<kind>: the exceptions
// an EL0 thread can raise on QEMU virt (48-bit addresses, the kernel in TTBR1's half).
#pragma once
#include <keel/alloc.h>
#include <keel/process.h>

inline void take_fault() {
#if defined(FAULT_KIND_null_deref)
    asm volatile("mov x9, #0\n ldr x9, [x9]" ::: "x9");  // a translation fault at 0
#elif defined(FAULT_KIND_write_kernel)
    asm volatile("ldr x9, =0xffffff8040000000\n str xzr, [x9]" ::: "x9", "memory");  // the kernel window
#elif defined(FAULT_KIND_execute_kernel)
    asm volatile("ldr x9, =0xffffff8040200000\n br x9" ::: "x9");  // the kernel image's first instruction
#elif defined(FAULT_KIND_undefined_instruction)
    asm volatile("udf #0");
#elif defined(FAULT_KIND_breakpoint)
    asm volatile("brk #0");
#elif defined(FAULT_KIND_unknown_syscall)
    asm volatile("mov x7, #-99\n svc #0" ::: "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "memory");
#elif defined(FAULT_KIND_hvc)
    asm volatile("hvc #0");  // undefined at EL0
#elif defined(FAULT_KIND_privileged_register)
    asm volatile("mrs x9, sctlr_el1" ::: "x9");
#elif defined(FAULT_KIND_non_canonical)
    asm volatile("mov x9, #0x1000000000000\n br x9" ::: "x9");  // outside both 48-bit halves
#elif defined(FAULT_KIND_misaligned_stack)
    // SCTLR_EL1.SA0 is clear, as seL4 leaves it (and QEMU does not check it): a brk stops it.
    asm volatile("mov x9, sp\n sub x9, x9, #3\n mov sp, x9\n brk #0" ::: "x9", "memory");
#elif defined(FAULT_KIND_device_stack)
    // The stack in a device frame over a hole of QEMU virt's physical map (0xb000000, between the
    // virtio transports and the platform bus): the kernel must not read it for the dump (an
    // external abort at EL1).
    constexpr unsigned long at = 0x10000000;
    keel_map_frame(keel_device_frame(0xb000000), seL4_CapInitThreadVSpace, at, seL4_ReadWrite);
    asm volatile("mov sp, %0\n brk #0" ::"r"(at + 0x800) : "memory");
#elif defined(FAULT_KIND_misaligned_pc)
    asm volatile("adr x9, 1f\n add x9, x9, #2\n br x9\n 1: nop\n nop" ::: "x9");
#endif
}
