/* x86_64 system calls: `syscall` with RDX = number, RDI = cap in / badge out, RSI = message info,
 * R10/R8/R9/R15 = message registers 0-3. RSP is kept in RBX across the instruction; RCX and R11
 * are clobbered by it. */
#pragma once

#include <sel4/config.h>
#include <sel4/functions.h>
#include <sel4/types.h>

LIBSEL4_INLINE_FUNC void x64_sys_send(seL4_Word sys, seL4_Word dest, seL4_Word info, seL4_Word mr0, seL4_Word mr1,
                                      seL4_Word mr2, seL4_Word mr3)
{
    register seL4_Word r10 __asm__("r10") = mr0;
    register seL4_Word r8 __asm__("r8") = mr1;
    register seL4_Word r9 __asm__("r9") = mr2;
    register seL4_Word r15 __asm__("r15") = mr3;
    __asm__ volatile("movq %%rsp, %%rbx\n\tsyscall\n\tmovq %%rbx, %%rsp"
                     : "+D"(dest), "+S"(info), "+r"(r10), "+r"(r8), "+r"(r9), "+r"(r15)
                     : "d"(sys)
                     : "rbx", "rcx", "r11", "memory");
}

LIBSEL4_INLINE_FUNC void x64_sys_send_null(seL4_Word sys, seL4_Word dest, seL4_Word info)
{
    __asm__ volatile("movq %%rsp, %%rbx\n\tsyscall\n\tmovq %%rbx, %%rsp"
                     : "+D"(dest), "+S"(info)
                     : "d"(sys)
                     : "rbx", "rcx", "r11", "memory");
}

LIBSEL4_INLINE_FUNC void x64_sys_recv(seL4_Word sys, seL4_Word src, seL4_Word *out_badge, seL4_Word *out_info,
                                      seL4_Word *out_mr0, seL4_Word *out_mr1, seL4_Word *out_mr2, seL4_Word *out_mr3)
{
    register seL4_Word r10 __asm__("r10");
    register seL4_Word r8 __asm__("r8");
    register seL4_Word r9 __asm__("r9");
    register seL4_Word r15 __asm__("r15");
    seL4_Word info;
    __asm__ volatile("movq %%rsp, %%rbx\n\tsyscall\n\tmovq %%rbx, %%rsp"
                     : "+D"(src), "=S"(info), "=r"(r10), "=r"(r8), "=r"(r9), "=r"(r15)
                     : "d"(sys)
                     : "rbx", "rcx", "r11", "memory");
    *out_badge = src;
    *out_info = info;
    *out_mr0 = r10;
    *out_mr1 = r8;
    *out_mr2 = r9;
    *out_mr3 = r15;
}

LIBSEL4_INLINE_FUNC void x64_sys_send_recv(seL4_Word sys, seL4_Word dest, seL4_Word *out_badge, seL4_Word info,
                                           seL4_Word *out_info, seL4_Word *in_out_mr0, seL4_Word *in_out_mr1,
                                           seL4_Word *in_out_mr2, seL4_Word *in_out_mr3)
{
    register seL4_Word r10 __asm__("r10") = *in_out_mr0;
    register seL4_Word r8 __asm__("r8") = *in_out_mr1;
    register seL4_Word r9 __asm__("r9") = *in_out_mr2;
    register seL4_Word r15 __asm__("r15") = *in_out_mr3;
    __asm__ volatile("movq %%rsp, %%rbx\n\tsyscall\n\tmovq %%rbx, %%rsp"
                     : "+D"(dest), "+S"(info), "+r"(r10), "+r"(r8), "+r"(r9), "+r"(r15)
                     : "d"(sys)
                     : "rbx", "rcx", "r11", "memory");
    *out_badge = dest;
    *out_info = info;
    *in_out_mr0 = r10;
    *in_out_mr1 = r8;
    *in_out_mr2 = r9;
    *in_out_mr3 = r15;
}

LIBSEL4_INLINE_FUNC void x64_sys_null(seL4_Word sys)
{
    __asm__ volatile("movq %%rsp, %%rbx\n\tsyscall\n\tmovq %%rbx, %%rsp"
                     :
                     : "d"(sys)
                     : "rbx", "rcx", "rsi", "rdi", "r11", "memory");
}

/* Message register i of a send: from the pointer when given and the message is long enough, else 0. */
LIBSEL4_INLINE_FUNC seL4_Word seL4_x64_mr_in(seL4_MessageInfo_t info, int i, const seL4_Word *mr)
{
    return (mr && seL4_MessageInfo_get_length(info) > (seL4_Uint64)i) ? *mr : 0;
}

LIBSEL4_INLINE_FUNC void seL4_x64_mr_out(seL4_Word *mr, seL4_Word value)
{
    if (mr) {
        *mr = value;
    }
}

LIBSEL4_INLINE_FUNC void seL4_Send(seL4_CPtr dest, seL4_MessageInfo_t msgInfo)
{
    x64_sys_send(seL4_SysSend, dest, msgInfo.words[0], seL4_GetMR(0), seL4_GetMR(1), seL4_GetMR(2), seL4_GetMR(3));
}

LIBSEL4_INLINE_FUNC void seL4_SendWithMRs(seL4_CPtr dest, seL4_MessageInfo_t msgInfo, seL4_Word *mr0,
                                          seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    x64_sys_send(seL4_SysSend, dest, msgInfo.words[0], seL4_x64_mr_in(msgInfo, 0, mr0),
                 seL4_x64_mr_in(msgInfo, 1, mr1), seL4_x64_mr_in(msgInfo, 2, mr2), seL4_x64_mr_in(msgInfo, 3, mr3));
}

LIBSEL4_INLINE_FUNC void seL4_NBSend(seL4_CPtr dest, seL4_MessageInfo_t msgInfo)
{
    x64_sys_send(seL4_SysNBSend, dest, msgInfo.words[0], seL4_GetMR(0), seL4_GetMR(1), seL4_GetMR(2), seL4_GetMR(3));
}

LIBSEL4_INLINE_FUNC void seL4_NBSendWithMRs(seL4_CPtr dest, seL4_MessageInfo_t msgInfo, seL4_Word *mr0,
                                            seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    x64_sys_send(seL4_SysNBSend, dest, msgInfo.words[0], seL4_x64_mr_in(msgInfo, 0, mr0),
                 seL4_x64_mr_in(msgInfo, 1, mr1), seL4_x64_mr_in(msgInfo, 2, mr2), seL4_x64_mr_in(msgInfo, 3, mr3));
}

LIBSEL4_INLINE_FUNC void seL4_Reply(seL4_MessageInfo_t msgInfo)
{
    x64_sys_send(seL4_SysReply, 0, msgInfo.words[0], seL4_GetMR(0), seL4_GetMR(1), seL4_GetMR(2), seL4_GetMR(3));
}

LIBSEL4_INLINE_FUNC void seL4_ReplyWithMRs(seL4_MessageInfo_t msgInfo, seL4_Word *mr0, seL4_Word *mr1,
                                           seL4_Word *mr2, seL4_Word *mr3)
{
    x64_sys_send(seL4_SysReply, 0, msgInfo.words[0], seL4_x64_mr_in(msgInfo, 0, mr0),
                 seL4_x64_mr_in(msgInfo, 1, mr1), seL4_x64_mr_in(msgInfo, 2, mr2), seL4_x64_mr_in(msgInfo, 3, mr3));
}

LIBSEL4_INLINE_FUNC void seL4_Signal(seL4_CPtr dest)
{
    x64_sys_send_null(seL4_SysSend, dest, seL4_MessageInfo_new(0, 0, 0, 1).words[0]);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_x64_recv(seL4_Word sys, seL4_CPtr src, seL4_Word *sender, seL4_Word *mr0,
                                                     seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    seL4_MessageInfo_t info;
    seL4_Word badge, m0, m1, m2, m3;
    x64_sys_recv(sys, src, &badge, &info.words[0], &m0, &m1, &m2, &m3);
    seL4_x64_mr_out(mr0, m0);
    seL4_x64_mr_out(mr1, m1);
    seL4_x64_mr_out(mr2, m2);
    seL4_x64_mr_out(mr3, m3);
    seL4_x64_mr_out(sender, badge);
    return info;
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_x64_recv_to_buffer(seL4_Word sys, seL4_CPtr src, seL4_Word *sender)
{
    seL4_Word m0, m1, m2, m3;
    seL4_MessageInfo_t info = seL4_x64_recv(sys, src, sender, &m0, &m1, &m2, &m3);
    seL4_SetMR(0, m0);
    seL4_SetMR(1, m1);
    seL4_SetMR(2, m2);
    seL4_SetMR(3, m3);
    return info;
}

#ifndef CONFIG_KERNEL_MCS
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_Recv(seL4_CPtr src, seL4_Word *sender)
{
    return seL4_x64_recv_to_buffer(seL4_SysRecv, src, sender);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_RecvWithMRs(seL4_CPtr src, seL4_Word *sender, seL4_Word *mr0,
                                                        seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    return seL4_x64_recv(seL4_SysRecv, src, sender, mr0, mr1, mr2, mr3);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_NBRecv(seL4_CPtr src, seL4_Word *sender)
{
    return seL4_x64_recv_to_buffer(seL4_SysNBRecv, src, sender);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_Wait(seL4_CPtr src, seL4_Word *sender)
{
    return seL4_x64_recv_to_buffer(seL4_SysRecv, src, sender);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_WaitWithMRs(seL4_CPtr src, seL4_Word *sender, seL4_Word *mr0,
                                                        seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    return seL4_x64_recv(seL4_SysRecv, src, sender, mr0, mr1, mr2, mr3);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_Poll(seL4_CPtr src, seL4_Word *sender)
{
    return seL4_x64_recv_to_buffer(seL4_SysNBRecv, src, sender);
}
#endif

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_x64_send_recv(seL4_Word sys, seL4_CPtr dest, seL4_MessageInfo_t msgInfo,
                                                          seL4_Word *sender, seL4_Word *mr0, seL4_Word *mr1,
                                                          seL4_Word *mr2, seL4_Word *mr3)
{
    seL4_MessageInfo_t info;
    seL4_Word badge;
    seL4_Word m0 = seL4_x64_mr_in(msgInfo, 0, mr0), m1 = seL4_x64_mr_in(msgInfo, 1, mr1);
    seL4_Word m2 = seL4_x64_mr_in(msgInfo, 2, mr2), m3 = seL4_x64_mr_in(msgInfo, 3, mr3);
    x64_sys_send_recv(sys, dest, &badge, msgInfo.words[0], &info.words[0], &m0, &m1, &m2, &m3);
    seL4_x64_mr_out(mr0, m0);
    seL4_x64_mr_out(mr1, m1);
    seL4_x64_mr_out(mr2, m2);
    seL4_x64_mr_out(mr3, m3);
    seL4_x64_mr_out(sender, badge);
    return info;
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_x64_send_recv_buffer(seL4_Word sys, seL4_CPtr dest,
                                                                 seL4_MessageInfo_t msgInfo, seL4_Word *sender)
{
    seL4_Word m0 = seL4_GetMR(0), m1 = seL4_GetMR(1), m2 = seL4_GetMR(2), m3 = seL4_GetMR(3);
    seL4_MessageInfo_t info = seL4_x64_send_recv(sys, dest, msgInfo, sender, &m0, &m1, &m2, &m3);
    seL4_SetMR(0, m0);
    seL4_SetMR(1, m1);
    seL4_SetMR(2, m2);
    seL4_SetMR(3, m3);
    return info;
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_Call(seL4_CPtr dest, seL4_MessageInfo_t msgInfo)
{
    return seL4_x64_send_recv_buffer(seL4_SysCall, dest, msgInfo, 0);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_CallWithMRs(seL4_CPtr dest, seL4_MessageInfo_t msgInfo, seL4_Word *mr0,
                                                        seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    return seL4_x64_send_recv(seL4_SysCall, dest, msgInfo, 0, mr0, mr1, mr2, mr3);
}

#ifndef CONFIG_KERNEL_MCS
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_ReplyRecv(seL4_CPtr src, seL4_MessageInfo_t msgInfo, seL4_Word *sender)
{
    return seL4_x64_send_recv_buffer(seL4_SysReplyRecv, src, msgInfo, sender);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_ReplyRecvWithMRs(seL4_CPtr src, seL4_MessageInfo_t msgInfo,
                                                             seL4_Word *sender, seL4_Word *mr0, seL4_Word *mr1,
                                                             seL4_Word *mr2, seL4_Word *mr3)
{
    return seL4_x64_send_recv(seL4_SysReplyRecv, src, msgInfo, sender, mr0, mr1, mr2, mr3);
}
#endif

LIBSEL4_INLINE_FUNC void seL4_Yield(void)
{
    x64_sys_null(seL4_SysYield);
    __asm__ volatile("" ::: "memory");
}

#ifdef CONFIG_PRINTING
LIBSEL4_INLINE_FUNC void seL4_DebugPutChar(char c)
{
    x64_sys_send_null(seL4_SysDebugPutChar, (seL4_Word)(unsigned char)c, 0);
}

LIBSEL4_INLINE_FUNC void seL4_DebugPutString(const char *str)
{
    for (; *str; str++) {
        seL4_DebugPutChar(*str);
    }
}

LIBSEL4_INLINE_FUNC void seL4_DebugDumpScheduler(void)
{
    x64_sys_null(seL4_SysDebugDumpScheduler);
    __asm__ volatile("" ::: "memory");
}
#endif

#ifdef CONFIG_DEBUG_BUILD
LIBSEL4_INLINE_FUNC void seL4_DebugHalt(void)
{
    x64_sys_null(seL4_SysDebugHalt);
    __asm__ volatile("" ::: "memory");
}

LIBSEL4_INLINE_FUNC void seL4_DebugSnapshot(void)
{
    x64_sys_null(seL4_SysDebugSnapshot);
    __asm__ volatile("" ::: "memory");
}

LIBSEL4_INLINE_FUNC seL4_Uint32 seL4_DebugCapIdentify(seL4_CPtr cap)
{
    seL4_Word m0 = 0, m1 = 0, m2 = 0, m3 = 0, info = 0;
    x64_sys_send_recv(seL4_SysDebugCapIdentify, cap, &cap, 0, &info, &m0, &m1, &m2, &m3);
    return (seL4_Uint32)cap;
}

/* The name travels as a NUL-terminated string in the IPC buffer's message registers. */
LIBSEL4_INLINE_FUNC void seL4_DebugNameThread(seL4_CPtr tcb, const char *name)
{
    char *dest = (char *)seL4_GetIPCBuffer()->msg;
    seL4_Word i = 0;
    for (; name[i] && i + 1 < sizeof(seL4_GetIPCBuffer()->msg); i++) {
        dest[i] = name[i];
    }
    dest[i] = '\0';
    seL4_Word m0 = 0, m1 = 0, m2 = 0, m3 = 0, info = 0, badge = 0;
    x64_sys_send_recv(seL4_SysDebugNameThread, tcb, &badge, 0, &info, &m0, &m1, &m2, &m3);
}
#endif

#ifdef CONFIG_SET_TLS_BASE_SELF
LIBSEL4_INLINE_FUNC void seL4_SetTLSBase(seL4_Word tls_base)
{
    x64_sys_send_null(seL4_SysSetTLSBase, tls_base, 0);
    __asm__ volatile("" ::: "memory");
}
#endif
