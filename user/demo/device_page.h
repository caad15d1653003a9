// The demo's device page for a serial driver that reaches its UART by memory-mapped registers
// (riscv64, aarch64).
#pragma once
#include <sel4/sel4.h>

// Maps the device page at `paddr`, the start of a device untyped (how seL4 cuts the memory around
// QEMU virt's devices), at `vaddr` in the root task's address space as a `frame_object`; false
// when it cannot.
bool demo_map_device_page(seL4_BootInfo* bi, seL4_Word paddr, seL4_Word vaddr, seL4_Word frame_object);
