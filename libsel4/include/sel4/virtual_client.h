/* Invocations libsel4 writes in terms of others (seL4 16.0.0): with MCS, seL4_SchedControl_Configure
 * is seL4_SchedControl_ConfigureFlags without flags. */
#pragma once

#include <sel4/config.h>
#include <sel4/types.h>
#include <interfaces/sel4_client.h>

#ifdef CONFIG_KERNEL_MCS
LIBSEL4_INLINE seL4_Error seL4_SchedControl_Configure(seL4_SchedControl _service, seL4_SchedContext schedcontext,
                                                      seL4_Time budget, seL4_Time period, seL4_Word extra_refills,
                                                      seL4_Word badge)
{
    return seL4_SchedControl_ConfigureFlags(_service, schedcontext, budget, period, extra_refills, badge,
                                            seL4_SchedContext_NoFlag);
}
#endif
