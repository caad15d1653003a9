// The x86_64 ways for user/tests/faulter.cc to fault, one per FAULT_KIND_<kind>.
#pragma once
#include <keel/alloc.h>
#include <keel/process.h>
#include <sel4/sel4.h>

inline void take_fault() {
#if defined(FAULT_KIND_null_deref)
    *reinterpret_cast<volatile int*>(0) = 1;
#elif defined(FAULT_KIND_undefined_opcode)
    asm volatile("ud2");
#elif defined(FAULT_KIND_privileged)
    asm volatile("hlt");
#elif defined(FAULT_KIND_divide_by_zero)
    asm volatile("xor %%edx, %%edx; xor %%ecx, %%ecx; mov $1, %%eax; div %%ecx" ::: "rax", "rcx", "rdx");
#elif defined(FAULT_KIND_unknown_syscall)
    asm volatile("mov %%rsp, %%rbx; syscall; mov %%rbx, %%rsp" ::"d"(-99L) : "rbx", "rcx", "r11", "memory");
#elif defined(FAULT_KIND_software_interrupt)
    asm volatile("int $0x80");
#elif defined(FAULT_KIND_execute_kernel)
    reinterpret_cast<void (*)()>(0xffffffff80100000)();
#elif defined(FAULT_KIND_write_kernel)
    *reinterpret_cast<volatile unsigned long*>(0xffffff8000100000) = 0;
#elif defined(FAULT_KIND_non_canonical)
    *reinterpret_cast<volatile unsigned long*>(0x0000800000000000) = 0;
#elif defined(FAULT_KIND_misaligned_stack)
    asm volatile("sub $3, %%rsp; ud2" ::: "memory");
#elif defined(FAULT_KIND_stack_in_large_page)
    // A 2 MiB page at 512 MiB (its directory is the image's), filled with a pattern, as the stack.
    constexpr unsigned long at = 0x20000000;
    seL4_CPtr page = keel_alloc_object(seL4_X86_LargePageObject, 0);
    seL4_X86_Page_Map(page, seL4_CapInitThreadVSpace, at, seL4_ReadWrite, seL4_X86_Default_VMAttributes);
    for (unsigned long i = 0; i < 64; i++) reinterpret_cast<volatile unsigned long*>(at + 0x10000)[i] = 0x5a5a0000 + i;
    asm volatile("mov %0, %%rsp; ud2" ::"r"(at + 0x10000) : "memory");
#elif defined(FAULT_KIND_device_stack)
    // The stack in a device frame (VGA's text buffer, inside the kernel's window): the kernel must
    // not read device registers for the dump, whatever a read of them would do.
    constexpr unsigned long at = 0x20000000;
    keel_map_frame(keel_device_frame(0xb8000), seL4_CapInitThreadVSpace, at, seL4_ReadWrite);
    asm volatile("mov %0, %%rsp; ud2" ::"r"(at + 0x800) : "memory");
#elif defined(FAULT_KIND_stack_at_edge)
    // One word below the image (linked at 4 MiB, nothing mapped under it), then the image.
    asm volatile("mov $0x3ffff8, %%rsp; ud2" ::: "memory");
#endif
}
