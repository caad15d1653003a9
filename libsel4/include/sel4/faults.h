/* Fault messages (seL4 16.0.0 names): for now only what MCS adds, the timeout fault's tag test and
 * the reply that resumes or stops the thread whose budget ran out. Keel's libsel4 has no seL4_Fault_t
 * (upstream's seL4_getFault and the other seL4_is*_tag tests). */
#pragma once

#include <sel4/config.h>
#include <sel4/functions.h>
#include <sel4/types.h>

#ifdef CONFIG_KERNEL_MCS
LIBSEL4_INLINE_FUNC seL4_Bool seL4_isTimeoutFault_tag(seL4_MessageInfo_t tag)
{
    return seL4_MessageInfo_get_label(tag) == seL4_Fault_Timeout;
}

/* The reply to a timeout fault: label 0 resumes the thread, any other leaves it stopped; its first
 * `length` registers in seL4_UserContext order become the thread's (at most seL4_TimeoutReply_Length). */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_TimeoutReply_new(seL4_Bool resume, seL4_UserContext regs, seL4_Word length)
{
    const seL4_Word *words = (const seL4_Word *)&regs;
    for (seL4_Word i = 0; i < length; i++) {
        seL4_SetMR((int)i, words[i]);
    }
    return seL4_MessageInfo_new(!resume, 0, 0, length);
}
#endif
