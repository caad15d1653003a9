/* libsel4's own record of the BootInfo frame (seL4 16.0.0, deprecated there: a root task gets the
 * frame's address from its entry). Keel's libsel4 is headers only: the pointer is a weak definition
 * that every file including this header shares. */
#pragma once

#include <sel4/bootinfo_types.h>
#include <sel4/macros.h>
#include <sel4/types.h>

#define SEL4_BOOTINFO_DEPRECATED                                                                  \
    SEL4_DEPRECATED("libsel4 management of bootinfo is deprecated, see the BootInfo Frame section of the manual")

#ifdef __cplusplus
extern "C"
#endif
LIBSEL4_WEAK seL4_BootInfo *__sel4_bootinfo = 0;

LIBSEL4_INLINE_FUNC SEL4_BOOTINFO_DEPRECATED void seL4_InitBootInfo(seL4_BootInfo *bi)
{
    __sel4_bootinfo = bi;
}

LIBSEL4_INLINE_FUNC SEL4_BOOTINFO_DEPRECATED seL4_BootInfo *seL4_GetBootInfo(void)
{
    return __sel4_bootinfo;
}
