/* Names seL4 16.0.0 keeps for old programs, each pointing to its replacement (and warning where
 * a function or type is used). */
#pragma once

#include <sel4/sel4.h>
#include <sel4/arch/deprecated.h>
#include <sel4/sel4_arch/deprecated.h>

/* the fault messages' old names */
#define SEL4_PFIPC_LABEL SEL4_DEPRECATE_MACRO(seL4_Fault_VMFault)
#define SEL4_PFIPC_LENGTH SEL4_DEPRECATE_MACRO(seL4_VMFault_Length)
#define SEL4_PFIPC_FAULT_IP SEL4_DEPRECATE_MACRO(seL4_VMFault_IP)
#define SEL4_PFIPC_FAULT_ADDR SEL4_DEPRECATE_MACRO(seL4_VMFault_Addr)
#define SEL4_PFIPC_PREFETCH_FAULT SEL4_DEPRECATE_MACRO(seL4_VMFault_PrefetchFault)
#define SEL4_PFIPC_FSR SEL4_DEPRECATE_MACRO(seL4_VMFault_FSR)
#define SEL4_EXCEPT_IPC_LABEL SEL4_DEPRECATE_MACRO(seL4_Fault_UnknownSyscall)
#define SEL4_USER_EXCEPTION_LABEL SEL4_DEPRECATE_MACRO(seL4_Fault_UserException)
#define SEL4_USER_EXCEPTION_LENGTH SEL4_DEPRECATE_MACRO(seL4_UserException_Length)
#define seL4_NoFault SEL4_DEPRECATE_MACRO(seL4_Fault_NullFault)
#define seL4_CapFault SEL4_DEPRECATE_MACRO(seL4_Fault_CapFault)
#define seL4_UnknownSyscall SEL4_DEPRECATE_MACRO(seL4_Fault_UnknownSyscall)
#define seL4_UserException SEL4_DEPRECATE_MACRO(seL4_Fault_UserException)
#define seL4_VMFault SEL4_DEPRECATE_MACRO(seL4_Fault_VMFault)

typedef seL4_CapRights_t seL4_CapRights SEL4_DEPRECATED("use seL4_CapRights_t");
typedef seL4_Fault_tag_t seL4_FaultType SEL4_DEPRECATED("use seL4_Fault_tag_t");
typedef seL4_Word seL4_CapData_t SEL4_DEPRECATED("badge and guard data are seL4_Words");

/* A page fault message's words, by name or as an array. */
typedef union {
    struct {
        seL4_Word fault_ip;
        seL4_Word fault_addr;
        seL4_Word prefetch_fault;
        seL4_Word fsr;
    } regs;
    seL4_Word raw[4];
} seL4_PageFaultIpcRegisters SEL4_DEPRECATED("use seL4_Fault_VMFault_new()");

LIBSEL4_INLINE_FUNC SEL4_DEPRECATED("removed") seL4_MessageInfo_t seL4_GetTag(void)
{
    return seL4_GetIPCBuffer()->tag;
}

LIBSEL4_INLINE_FUNC SEL4_DEPRECATED("removed") void seL4_SetTag(seL4_MessageInfo_t tag)
{
    seL4_GetIPCBuffer()->tag = tag;
}

LIBSEL4_INLINE_FUNC SEL4_DEPRECATED("use seL4_GetMR(seL4_VMFault_IP)") seL4_Word seL4_PF_FIP(void)
{
    return seL4_GetMR(seL4_VMFault_IP);
}

LIBSEL4_INLINE_FUNC SEL4_DEPRECATED("use seL4_GetMR(seL4_VMFault_Addr)") seL4_Word seL4_PF_Addr(void)
{
    return seL4_GetMR(seL4_VMFault_Addr);
}

LIBSEL4_INLINE_FUNC SEL4_DEPRECATED("use seL4_isVMFault_tag") seL4_Word seL4_isPageFault_MSG(void)
{
    return seL4_isVMFault_tag(seL4_GetIPCBuffer()->tag);
}

LIBSEL4_INLINE_FUNC SEL4_DEPRECATED("use seL4_isVMFault_tag") seL4_Word seL4_isPageFault_Tag(seL4_MessageInfo_t tag)
{
    return seL4_isVMFault_tag(tag);
}

LIBSEL4_INLINE_FUNC SEL4_DEPRECATED("use seL4_isUnknownSyscall_tag") seL4_Word seL4_isExceptIPC_Tag(seL4_MessageInfo_t tag)
{
    return seL4_isUnknownSyscall_tag(tag);
}

LIBSEL4_INLINE_FUNC SEL4_DEPRECATED("use seL4_GetMR") seL4_Word seL4_ExceptIPC_Get(seL4_Word mr)
{
    return seL4_GetMR((int)mr);
}

LIBSEL4_INLINE_FUNC SEL4_DEPRECATED("use seL4_SetMR") void seL4_ExceptIPC_Set(seL4_Word index, seL4_Word value)
{
    seL4_SetMR((int)index, value);
}

/* Both old tests ask whether a message is as long as an unknown-syscall fault's. */
LIBSEL4_INLINE_FUNC SEL4_DEPRECATED("") seL4_Word seL4_IsArchSyscallFrom(seL4_MessageInfo_t tag)
{
    return seL4_MessageInfo_get_length(tag) == seL4_UnknownSyscall_Length;
}

LIBSEL4_INLINE_FUNC SEL4_DEPRECATED("") seL4_Word seL4_IsArchExceptionFrom(seL4_MessageInfo_t tag)
{
    return seL4_MessageInfo_get_length(tag) == seL4_UnknownSyscall_Length;
}

LIBSEL4_INLINE_FUNC SEL4_DEPRECATED("badges need no constructing") seL4_Word seL4_CapData_Badge_new(seL4_Word badge)
{
    return badge;
}

LIBSEL4_INLINE_FUNC SEL4_DEPRECATED("use seL4_CNode_CapData_new().words[0]") seL4_Word
seL4_CapData_Guard_new(seL4_Word guard, seL4_Word bits)
{
    return seL4_CNode_CapData_new(guard, bits).words[0];
}
