/* x86_64's system calls by the `syscall` instruction: Keel's sel4/sel4_arch/syscalls.h, which has no
 * sysenter variant to choose from. */
#pragma once

#include <sel4/sel4_arch/syscalls.h>
