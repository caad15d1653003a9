/* The MCS system calls (seL4 16.0.0: seL4_Recv .. seL4_NBSendWait with reply caps); Keel's
 * sel4/syscalls.h defines them when CONFIG_KERNEL_MCS is set. */
#pragma once

#include <sel4/config.h>
#include <sel4/syscalls.h>
