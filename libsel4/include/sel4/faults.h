/* Fault messages (seL4 16.0.0 names): seL4_getFault reads one into a seL4_Fault_t (its kinds,
 * constructors and accessors are generated from interface/ into sel4/sel4_arch/faults.h); the
 * seL4_is*_tag tests; with MCS, the reply that resumes or stops a thread whose budget ran out. */
#pragma once

#include <sel4/config.h>
#include <sel4/functions.h>
#include <sel4/types.h>
#include <sel4/sel4_arch/faults.h>

/* The fault that a fault message with `tag` reports, its fields read from the message registers. */
LIBSEL4_INLINE_FUNC seL4_Fault_t seL4_getFault(seL4_MessageInfo_t tag)
{
    return seL4_getArchFault(tag);
}

#define SEL4_FAULT_TAG_TEST(test, kind)                                                           \
    LIBSEL4_INLINE_FUNC seL4_Bool test(seL4_MessageInfo_t tag)                                    \
    {                                                                                             \
        return seL4_MessageInfo_get_label(tag) == (kind);                                         \
    }
SEL4_FAULT_TAG_TEST(seL4_isNullFault_tag, seL4_Fault_NullFault)
SEL4_FAULT_TAG_TEST(seL4_isCapFault_tag, seL4_Fault_CapFault)
SEL4_FAULT_TAG_TEST(seL4_isUnknownSyscall_tag, seL4_Fault_UnknownSyscall)
SEL4_FAULT_TAG_TEST(seL4_isUserException_tag, seL4_Fault_UserException)
SEL4_FAULT_TAG_TEST(seL4_isVMFault_tag, seL4_Fault_VMFault)
#ifdef CONFIG_HARDWARE_DEBUG_API
SEL4_FAULT_TAG_TEST(seL4_isDebugException_tag, seL4_Fault_DebugException)
#endif
#ifdef CONFIG_KERNEL_MCS
SEL4_FAULT_TAG_TEST(seL4_isTimeoutFault_tag, seL4_Fault_Timeout)
#endif
#undef SEL4_FAULT_TAG_TEST

#ifdef CONFIG_KERNEL_MCS
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
