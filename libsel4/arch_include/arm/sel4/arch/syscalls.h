/* The system calls of arm: aarch64's primitives (sel4_arch/syscalls.h) and the generic calls written
 * in them (sel4/syscalls.h), in the layout of upstream libsel4. */
#pragma once

#include <sel4/sel4_arch/syscalls.h>
#include <sel4/syscalls.h>
