/* The classic system calls (seL4 16.0.0: seL4_Send .. seL4_Poll without reply caps); Keel's
 * sel4/syscalls.h defines them for either API. */
#pragma once

#include <sel4/config.h>
#include <sel4/syscalls.h>
