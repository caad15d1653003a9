/* riscv64 system calls: `ecall` with a7 = number, a0 = cap in / badge out, a1 = message info,
 * a2..a5 = message registers 0-3 (seL4 16.0.0's RISC-V convention). The kernel preserves every
 * other register. */
#pragma once

#include <sel4/config.h>
#include <sel4/functions.h>
#include <sel4/types.h>

LIBSEL4_INLINE_FUNC void riscv_sys_send(seL4_Word sys, seL4_Word dest, seL4_Word info, seL4_Word mr0, seL4_Word mr1,
                                        seL4_Word mr2, seL4_Word mr3)
{
    register seL4_Word a0 __asm__("a0") = dest;
    register seL4_Word a1 __asm__("a1") = info;
    register seL4_Word a2 __asm__("a2") = mr0;
    register seL4_Word a3 __asm__("a3") = mr1;
    register seL4_Word a4 __asm__("a4") = mr2;
    register seL4_Word a5 __asm__("a5") = mr3;
    register seL4_Word a7 __asm__("a7") = sys;
    __asm__ volatile("ecall"
                     : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3), "+r"(a4), "+r"(a5)
                     : "r"(a7)
                     : "memory");
}

LIBSEL4_INLINE_FUNC void riscv_sys_send_null(seL4_Word sys, seL4_Word dest, seL4_Word info)
{
    register seL4_Word a0 __asm__("a0") = dest;
    register seL4_Word a1 __asm__("a1") = info;
    register seL4_Word a7 __asm__("a7") = sys;
    __asm__ volatile("ecall" : "+r"(a0), "+r"(a1) : "r"(a7) : "memory");
}

LIBSEL4_INLINE_FUNC void riscv_sys_recv(seL4_Word sys, seL4_Word src, seL4_Word *out_badge, seL4_Word *out_info,
                                        seL4_Word *out_mr0, seL4_Word *out_mr1, seL4_Word *out_mr2, seL4_Word *out_mr3)
{
    register seL4_Word a0 __asm__("a0") = src;
    register seL4_Word a1 __asm__("a1");
    register seL4_Word a2 __asm__("a2");
    register seL4_Word a3 __asm__("a3");
    register seL4_Word a4 __asm__("a4");
    register seL4_Word a5 __asm__("a5");
    register seL4_Word a7 __asm__("a7") = sys;
    __asm__ volatile("ecall"
                     : "+r"(a0), "=r"(a1), "=r"(a2), "=r"(a3), "=r"(a4), "=r"(a5)
                     : "r"(a7)
                     : "memory");
    *out_badge = a0;
    *out_info = a1;
    *out_mr0 = a2;
    *out_mr1 = a3;
    *out_mr2 = a4;
    *out_mr3 = a5;
}

LIBSEL4_INLINE_FUNC void riscv_sys_send_recv(seL4_Word sys, seL4_Word dest, seL4_Word *out_badge, seL4_Word info,
                                             seL4_Word *out_info, seL4_Word *in_out_mr0, seL4_Word *in_out_mr1,
                                             seL4_Word *in_out_mr2, seL4_Word *in_out_mr3)
{
    register seL4_Word a0 __asm__("a0") = dest;
    register seL4_Word a1 __asm__("a1") = info;
    register seL4_Word a2 __asm__("a2") = *in_out_mr0;
    register seL4_Word a3 __asm__("a3") = *in_out_mr1;
    register seL4_Word a4 __asm__("a4") = *in_out_mr2;
    register seL4_Word a5 __asm__("a5") = *in_out_mr3;
    register seL4_Word a7 __asm__("a7") = sys;
    __asm__ volatile("ecall"
                     : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3), "+r"(a4), "+r"(a5)
                     : "r"(a7)
                     : "memory");
    *out_badge = a0;
    *out_info = a1;
    *in_out_mr0 = a2;
    *in_out_mr1 = a3;
    *in_out_mr2 = a4;
    *in_out_mr3 = a5;
}

/* A call that passes nothing but its number (Yield, DebugHalt, ...); a0 and a1 are not kept. */
LIBSEL4_INLINE_FUNC void riscv_sys_null(seL4_Word sys)
{
    register seL4_Word a7 __asm__("a7") = sys;
    __asm__ volatile("ecall" : : "r"(a7) : "a0", "a1", "memory");
}

/* Message register i of a send: from the pointer when given and the message is long enough, else 0. */
LIBSEL4_INLINE_FUNC seL4_Word seL4_riscv_mr_in(seL4_MessageInfo_t info, int i, const seL4_Word *mr)
{
    return (mr && seL4_MessageInfo_get_length(info) > (seL4_Uint64)i) ? *mr : 0;
}

LIBSEL4_INLINE_FUNC void seL4_riscv_mr_out(seL4_Word *mr, seL4_Word value)
{
    if (mr) {
        *mr = value;
    }
}

LIBSEL4_INLINE_FUNC void seL4_Send(seL4_CPtr dest, seL4_MessageInfo_t msgInfo)
{
    riscv_sys_send(seL4_SysSend, dest, msgInfo.words[0], seL4_GetMR(0), seL4_GetMR(1), seL4_GetMR(2), seL4_GetMR(3));
}

LIBSEL4_INLINE_FUNC void seL4_SendWithMRs(seL4_CPtr dest, seL4_MessageInfo_t msgInfo, seL4_Word *mr0,
                                          seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    riscv_sys_send(seL4_SysSend, dest, msgInfo.words[0], seL4_riscv_mr_in(msgInfo, 0, mr0),
                 seL4_riscv_mr_in(msgInfo, 1, mr1), seL4_riscv_mr_in(msgInfo, 2, mr2), seL4_riscv_mr_in(msgInfo, 3, mr3));
}

LIBSEL4_INLINE_FUNC void seL4_NBSend(seL4_CPtr dest, seL4_MessageInfo_t msgInfo)
{
    riscv_sys_send(seL4_SysNBSend, dest, msgInfo.words[0], seL4_GetMR(0), seL4_GetMR(1), seL4_GetMR(2), seL4_GetMR(3));
}

LIBSEL4_INLINE_FUNC void seL4_NBSendWithMRs(seL4_CPtr dest, seL4_MessageInfo_t msgInfo, seL4_Word *mr0,
                                            seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    riscv_sys_send(seL4_SysNBSend, dest, msgInfo.words[0], seL4_riscv_mr_in(msgInfo, 0, mr0),
                 seL4_riscv_mr_in(msgInfo, 1, mr1), seL4_riscv_mr_in(msgInfo, 2, mr2), seL4_riscv_mr_in(msgInfo, 3, mr3));
}

LIBSEL4_INLINE_FUNC void seL4_Reply(seL4_MessageInfo_t msgInfo)
{
    riscv_sys_send(seL4_SysReply, 0, msgInfo.words[0], seL4_GetMR(0), seL4_GetMR(1), seL4_GetMR(2), seL4_GetMR(3));
}

LIBSEL4_INLINE_FUNC void seL4_ReplyWithMRs(seL4_MessageInfo_t msgInfo, seL4_Word *mr0, seL4_Word *mr1,
                                           seL4_Word *mr2, seL4_Word *mr3)
{
    riscv_sys_send(seL4_SysReply, 0, msgInfo.words[0], seL4_riscv_mr_in(msgInfo, 0, mr0),
                 seL4_riscv_mr_in(msgInfo, 1, mr1), seL4_riscv_mr_in(msgInfo, 2, mr2), seL4_riscv_mr_in(msgInfo, 3, mr3));
}

LIBSEL4_INLINE_FUNC void seL4_Signal(seL4_CPtr dest)
{
    riscv_sys_send_null(seL4_SysSend, dest, seL4_MessageInfo_new(0, 0, 0, 1).words[0]);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_riscv_recv(seL4_Word sys, seL4_CPtr src, seL4_Word *sender, seL4_Word *mr0,
                                                     seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    seL4_MessageInfo_t info;
    seL4_Word badge, m0, m1, m2, m3;
    riscv_sys_recv(sys, src, &badge, &info.words[0], &m0, &m1, &m2, &m3);
    seL4_riscv_mr_out(mr0, m0);
    seL4_riscv_mr_out(mr1, m1);
    seL4_riscv_mr_out(mr2, m2);
    seL4_riscv_mr_out(mr3, m3);
    seL4_riscv_mr_out(sender, badge);
    return info;
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_riscv_recv_to_buffer(seL4_Word sys, seL4_CPtr src, seL4_Word *sender)
{
    seL4_Word m0, m1, m2, m3;
    seL4_MessageInfo_t info = seL4_riscv_recv(sys, src, sender, &m0, &m1, &m2, &m3);
    seL4_SetMR(0, m0);
    seL4_SetMR(1, m1);
    seL4_SetMR(2, m2);
    seL4_SetMR(3, m3);
    return info;
}

#ifndef CONFIG_KERNEL_MCS
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_Recv(seL4_CPtr src, seL4_Word *sender)
{
    return seL4_riscv_recv_to_buffer(seL4_SysRecv, src, sender);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_RecvWithMRs(seL4_CPtr src, seL4_Word *sender, seL4_Word *mr0,
                                                        seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    return seL4_riscv_recv(seL4_SysRecv, src, sender, mr0, mr1, mr2, mr3);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_NBRecv(seL4_CPtr src, seL4_Word *sender)
{
    return seL4_riscv_recv_to_buffer(seL4_SysNBRecv, src, sender);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_Wait(seL4_CPtr src, seL4_Word *sender)
{
    return seL4_riscv_recv_to_buffer(seL4_SysRecv, src, sender);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_WaitWithMRs(seL4_CPtr src, seL4_Word *sender, seL4_Word *mr0,
                                                        seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    return seL4_riscv_recv(seL4_SysRecv, src, sender, mr0, mr1, mr2, mr3);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_Poll(seL4_CPtr src, seL4_Word *sender)
{
    return seL4_riscv_recv_to_buffer(seL4_SysNBRecv, src, sender);
}
#endif

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_riscv_send_recv(seL4_Word sys, seL4_CPtr dest, seL4_MessageInfo_t msgInfo,
                                                          seL4_Word *sender, seL4_Word *mr0, seL4_Word *mr1,
                                                          seL4_Word *mr2, seL4_Word *mr3)
{
    seL4_MessageInfo_t info;
    seL4_Word badge;
    seL4_Word m0 = seL4_riscv_mr_in(msgInfo, 0, mr0), m1 = seL4_riscv_mr_in(msgInfo, 1, mr1);
    seL4_Word m2 = seL4_riscv_mr_in(msgInfo, 2, mr2), m3 = seL4_riscv_mr_in(msgInfo, 3, mr3);
    riscv_sys_send_recv(sys, dest, &badge, msgInfo.words[0], &info.words[0], &m0, &m1, &m2, &m3);
    seL4_riscv_mr_out(mr0, m0);
    seL4_riscv_mr_out(mr1, m1);
    seL4_riscv_mr_out(mr2, m2);
    seL4_riscv_mr_out(mr3, m3);
    seL4_riscv_mr_out(sender, badge);
    return info;
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_riscv_send_recv_buffer(seL4_Word sys, seL4_CPtr dest,
                                                                 seL4_MessageInfo_t msgInfo, seL4_Word *sender)
{
    seL4_Word m0 = seL4_GetMR(0), m1 = seL4_GetMR(1), m2 = seL4_GetMR(2), m3 = seL4_GetMR(3);
    seL4_MessageInfo_t info = seL4_riscv_send_recv(sys, dest, msgInfo, sender, &m0, &m1, &m2, &m3);
    seL4_SetMR(0, m0);
    seL4_SetMR(1, m1);
    seL4_SetMR(2, m2);
    seL4_SetMR(3, m3);
    return info;
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_Call(seL4_CPtr dest, seL4_MessageInfo_t msgInfo)
{
    return seL4_riscv_send_recv_buffer(seL4_SysCall, dest, msgInfo, 0);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_CallWithMRs(seL4_CPtr dest, seL4_MessageInfo_t msgInfo, seL4_Word *mr0,
                                                        seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    return seL4_riscv_send_recv(seL4_SysCall, dest, msgInfo, 0, mr0, mr1, mr2, mr3);
}

#ifndef CONFIG_KERNEL_MCS
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_ReplyRecv(seL4_CPtr src, seL4_MessageInfo_t msgInfo, seL4_Word *sender)
{
    return seL4_riscv_send_recv_buffer(seL4_SysReplyRecv, src, msgInfo, sender);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_ReplyRecvWithMRs(seL4_CPtr src, seL4_MessageInfo_t msgInfo,
                                                             seL4_Word *sender, seL4_Word *mr0, seL4_Word *mr1,
                                                             seL4_Word *mr2, seL4_Word *mr3)
{
    return seL4_riscv_send_recv(seL4_SysReplyRecv, src, msgInfo, sender, mr0, mr1, mr2, mr3);
}
#endif

LIBSEL4_INLINE_FUNC void seL4_Yield(void)
{
    riscv_sys_null(seL4_SysYield);
    __asm__ volatile("" ::: "memory");
}

#ifdef CONFIG_PRINTING
LIBSEL4_INLINE_FUNC void seL4_DebugPutChar(char c)
{
    riscv_sys_send_null(seL4_SysDebugPutChar, (seL4_Word)(unsigned char)c, 0);
}

LIBSEL4_INLINE_FUNC void seL4_DebugPutString(const char *str)
{
    for (; *str; str++) {
        seL4_DebugPutChar(*str);
    }
}

LIBSEL4_INLINE_FUNC void seL4_DebugDumpScheduler(void)
{
    riscv_sys_null(seL4_SysDebugDumpScheduler);
    __asm__ volatile("" ::: "memory");
}
#endif

#ifdef CONFIG_DEBUG_BUILD
LIBSEL4_INLINE_FUNC void seL4_DebugHalt(void)
{
    riscv_sys_null(seL4_SysDebugHalt);
    __asm__ volatile("" ::: "memory");
}

LIBSEL4_INLINE_FUNC void seL4_DebugSnapshot(void)
{
    riscv_sys_null(seL4_SysDebugSnapshot);
    __asm__ volatile("" ::: "memory");
}

LIBSEL4_INLINE_FUNC seL4_Uint32 seL4_DebugCapIdentify(seL4_CPtr cap)
{
    seL4_Word m0 = 0, m1 = 0, m2 = 0, m3 = 0, info = 0;
    riscv_sys_send_recv(seL4_SysDebugCapIdentify, cap, &cap, 0, &info, &m0, &m1, &m2, &m3);
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
    riscv_sys_send_recv(seL4_SysDebugNameThread, tcb, &badge, 0, &info, &m0, &m1, &m2, &m3);
}
#endif

#ifdef CONFIG_SET_TLS_BASE_SELF
LIBSEL4_INLINE_FUNC void seL4_SetTLSBase(seL4_Word tls_base)
{
    riscv_sys_send_null(seL4_SysSetTLSBase, tls_base, 0);
    __asm__ volatile("" ::: "memory");
}
#endif
