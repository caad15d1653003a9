/* Keel user runtime: a simple allocator of CSpace slots and kernel objects for a root task. */
#pragma once

#include <sel4/sel4.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Starts allocating from BootInfo's empty slot region and its (non-device) untyped caps. */
void keel_alloc_init(seL4_BootInfo *bootinfo);

/* A never-used slot of the root CNode, or 0 when none is left. */
seL4_CPtr keel_alloc_slot(void);

/* A new object of `type` (size_bits for untyped and CNodes) in a fresh slot, or 0 when no boot
 * untyped has room. Objects are never freed: this allocator is for setting a system up. */
seL4_CPtr keel_alloc_object(seL4_Word type, seL4_Word size_bits);

/* A frame cap for the 4 KiB device page at `paddr`: the boot device untyped that covers it, halved
 * until a page is left (it must not have been retyped before), or 0. */
seL4_CPtr keel_device_frame(seL4_Word paddr);

#ifdef __cplusplus
}
#endif
