/* ARM extra BootInfo chunks: none of its own (the device tree chunk, SEL4_BOOTINFO_HEADER_FDT, is
 * generic). Keel's sel4/sel4.h includes this header for every architecture. */
#pragma once

#include <sel4/bootinfo_types.h>
