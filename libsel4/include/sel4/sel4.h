/* Keel's libsel4: the seL4 16.0.0 user interface for x86_64 (grows with the kernel). */
#pragma once

#include <sel4/config.h>
#include <sel4/simple_types.h>
#include <sel4/syscall.h>
#include <sel4/bootinfo_types.h>
#include <sel4/arch/syscalls.h>
