/* The system call stubs of RISC-V: riscv64's, in sel4_arch/syscalls.h (the layout of upstream libsel4). */
#pragma once

#include <sel4/sel4_arch/syscalls.h>
