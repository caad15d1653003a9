/* seL4 user-visible types (seL4 16.0.0); the architecture's come from sel4/arch/types.h. */
#pragma once

#include <sel4/config.h>
#include <sel4/simple_types.h>
#include <sel4/shared_types.h>
#include <sel4/constants.h>
#include <sel4/arch/types.h>
#include <sel4/syscall.h>
#include <sel4/bootinfo_types.h>

typedef seL4_CPtr seL4_CNode;
typedef seL4_CPtr seL4_IRQHandler;
typedef seL4_CPtr seL4_IRQControl;
typedef seL4_CPtr seL4_TCB;
typedef seL4_CPtr seL4_Untyped;
typedef seL4_CPtr seL4_DomainSet;
typedef seL4_CPtr seL4_SchedContext;
typedef seL4_CPtr seL4_SchedControl;

#ifdef CONFIG_KERNEL_MCS
/* The most extra refills seL4_SchedControl_ConfigureFlags accepts for a scheduling context of 2^size
 * bytes (size at least seL4_MinSchedContextBits). */
LIBSEL4_INLINE_FUNC seL4_Word seL4_MaxExtraRefills(seL4_Word size)
{
    return (LIBSEL4_BIT(size) - seL4_CoreSchedContextBytes) / seL4_RefillSizeBytes;
}
#endif
