/* seL4's system calls in seL4 16.0.0's forms, classic or MCS (CONFIG_KERNEL_MCS), the same on every
 * architecture: written in the architecture's primitives, which sel4/sel4_arch/syscalls.h names
 * seL4_arch_sys_send, _send_null, _recv, _send_recv, _null and _nbsend_recv (every register of a
 * call, MCS's reply cap and NBSendRecv destination included). */
#pragma once

#include <sel4/config.h>
#include <sel4/functions.h>
#include <sel4/types.h>
#include <sel4/sel4_arch/syscalls.h>

/* MCS: Recv, NBRecv and ReplyRecv take the reply object's cap last; waiting and polling on a
 * notification are calls of their own (Wait, NBWait) instead of Recv and NBRecv. */
#ifdef CONFIG_KERNEL_MCS
#define SEL4_MCS_REPLY_PARAM , seL4_CPtr reply
#define SEL4_MCS_REPLY reply
#define SEL4_SYS_WAIT seL4_SysWait
#define SEL4_SYS_POLL seL4_SysNBWait
#else
#define SEL4_MCS_REPLY_PARAM
#define SEL4_MCS_REPLY 0
#define SEL4_SYS_WAIT seL4_SysRecv
#define SEL4_SYS_POLL seL4_SysNBRecv
#endif

/* System call `sys` on `cap`: sends info and mr[0..3], then receives into badge, out_info and
 * mr[0..3]; with MCS also the reply cap and NBSendRecv's destination (0 where the call has none). */
LIBSEL4_INLINE_FUNC void seL4_stub_send_recv_sys(seL4_Word sys, seL4_Word cap, seL4_Word reply, seL4_Word nb_dest,
                                                 seL4_Word *badge, seL4_Word info, seL4_Word *out_info, seL4_Word mr[4])
{
    seL4_arch_sys_nbsend_recv(sys, nb_dest, cap, badge, info, out_info, &mr[0], &mr[1], &mr[2], &mr[3], reply);
}

/* System call `sys` receiving on `src` (with MCS, through the reply cap `reply`). */
LIBSEL4_INLINE_FUNC void seL4_stub_recv_sys(seL4_Word sys, seL4_Word src, seL4_Word reply, seL4_Word *badge,
                                            seL4_Word *info, seL4_Word mr[4])
{
#ifdef CONFIG_KERNEL_MCS
    mr[0] = mr[1] = mr[2] = mr[3] = 0;
    seL4_stub_send_recv_sys(sys, src, reply, 0, badge, 0, info, mr);
#else
    (void)reply;
    seL4_arch_sys_recv(sys, src, badge, info, &mr[0], &mr[1], &mr[2], &mr[3]);
#endif
}

/* Message register i of a send: from the pointer when given and the message is long enough, else 0. */
LIBSEL4_INLINE_FUNC seL4_Word seL4_stub_mr_in(seL4_MessageInfo_t info, int i, const seL4_Word *mr)
{
    return (mr && seL4_MessageInfo_get_length(info) > (seL4_Uint64)i) ? *mr : 0;
}

LIBSEL4_INLINE_FUNC void seL4_stub_mr_out(seL4_Word *mr, seL4_Word value)
{
    if (mr) {
        *mr = value;
    }
}

LIBSEL4_INLINE_FUNC void seL4_stub_send(seL4_Word sys, seL4_CPtr dest, seL4_MessageInfo_t msgInfo)
{
    seL4_arch_sys_send(sys, dest, msgInfo.words[0], seL4_GetMR(0), seL4_GetMR(1), seL4_GetMR(2), seL4_GetMR(3));
}

LIBSEL4_INLINE_FUNC void seL4_stub_send_mrs(seL4_Word sys, seL4_CPtr dest, seL4_MessageInfo_t msgInfo,
                                            seL4_Word *mr0, seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    seL4_arch_sys_send(sys, dest, msgInfo.words[0], seL4_stub_mr_in(msgInfo, 0, mr0), seL4_stub_mr_in(msgInfo, 1, mr1),
                       seL4_stub_mr_in(msgInfo, 2, mr2), seL4_stub_mr_in(msgInfo, 3, mr3));
}

LIBSEL4_INLINE_FUNC void seL4_Send(seL4_CPtr dest, seL4_MessageInfo_t msgInfo)
{
    seL4_stub_send(seL4_SysSend, dest, msgInfo);
}

LIBSEL4_INLINE_FUNC void seL4_SendWithMRs(seL4_CPtr dest, seL4_MessageInfo_t msgInfo, seL4_Word *mr0,
                                          seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    seL4_stub_send_mrs(seL4_SysSend, dest, msgInfo, mr0, mr1, mr2, mr3);
}

LIBSEL4_INLINE_FUNC void seL4_NBSend(seL4_CPtr dest, seL4_MessageInfo_t msgInfo)
{
    seL4_stub_send(seL4_SysNBSend, dest, msgInfo);
}

LIBSEL4_INLINE_FUNC void seL4_NBSendWithMRs(seL4_CPtr dest, seL4_MessageInfo_t msgInfo, seL4_Word *mr0,
                                            seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    seL4_stub_send_mrs(seL4_SysNBSend, dest, msgInfo, mr0, mr1, mr2, mr3);
}

#ifndef CONFIG_KERNEL_MCS
LIBSEL4_INLINE_FUNC void seL4_Reply(seL4_MessageInfo_t msgInfo)
{
    seL4_stub_send(seL4_SysReply, 0, msgInfo);
}

LIBSEL4_INLINE_FUNC void seL4_ReplyWithMRs(seL4_MessageInfo_t msgInfo, seL4_Word *mr0, seL4_Word *mr1,
                                           seL4_Word *mr2, seL4_Word *mr3)
{
    seL4_stub_send_mrs(seL4_SysReply, 0, msgInfo, mr0, mr1, mr2, mr3);
}
#endif

LIBSEL4_INLINE_FUNC void seL4_Signal(seL4_CPtr dest)
{
    seL4_arch_sys_send_null(seL4_SysSend, dest, seL4_MessageInfo_new(0, 0, 0, 1).words[0]);
}

/* Hands what a call received to the pointers given (those not null): MRs 0-3 and the badge. */
LIBSEL4_INLINE_FUNC void seL4_stub_received(const seL4_Word m[4], seL4_Word badge, seL4_Word *sender, seL4_Word *mr0,
                                            seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    seL4_stub_mr_out(mr0, m[0]);
    seL4_stub_mr_out(mr1, m[1]);
    seL4_stub_mr_out(mr2, m[2]);
    seL4_stub_mr_out(mr3, m[3]);
    seL4_stub_mr_out(sender, badge);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_stub_recv(seL4_Word sys, seL4_CPtr src, seL4_Word *sender,
                                                      seL4_CPtr reply, seL4_Word *mr0, seL4_Word *mr1,
                                                      seL4_Word *mr2, seL4_Word *mr3)
{
    seL4_MessageInfo_t info;
    seL4_Word badge, m[4];
    seL4_stub_recv_sys(sys, src, reply, &badge, &info.words[0], m);
    seL4_stub_received(m, badge, sender, mr0, mr1, mr2, mr3);
    return info;
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_stub_recv_to_buffer(seL4_Word sys, seL4_CPtr src, seL4_Word *sender,
                                                                seL4_CPtr reply)
{
    seL4_Word m0, m1, m2, m3;
    seL4_MessageInfo_t info = seL4_stub_recv(sys, src, sender, reply, &m0, &m1, &m2, &m3);
    seL4_SetMR(0, m0);
    seL4_SetMR(1, m1);
    seL4_SetMR(2, m2);
    seL4_SetMR(3, m3);
    return info;
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_Recv(seL4_CPtr src, seL4_Word *sender SEL4_MCS_REPLY_PARAM)
{
    return seL4_stub_recv_to_buffer(seL4_SysRecv, src, sender, SEL4_MCS_REPLY);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_RecvWithMRs(seL4_CPtr src, seL4_Word *sender, seL4_Word *mr0,
                                                        seL4_Word *mr1, seL4_Word *mr2,
                                                        seL4_Word *mr3 SEL4_MCS_REPLY_PARAM)
{
    return seL4_stub_recv(seL4_SysRecv, src, sender, SEL4_MCS_REPLY, mr0, mr1, mr2, mr3);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_NBRecv(seL4_CPtr src, seL4_Word *sender SEL4_MCS_REPLY_PARAM)
{
    return seL4_stub_recv_to_buffer(seL4_SysNBRecv, src, sender, SEL4_MCS_REPLY);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_Wait(seL4_CPtr src, seL4_Word *sender)
{
    return seL4_stub_recv_to_buffer(SEL4_SYS_WAIT, src, sender, 0);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_WaitWithMRs(seL4_CPtr src, seL4_Word *sender, seL4_Word *mr0,
                                                        seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    return seL4_stub_recv(SEL4_SYS_WAIT, src, sender, 0, mr0, mr1, mr2, mr3);
}

#ifdef CONFIG_KERNEL_MCS
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_NBWait(seL4_CPtr src, seL4_Word *sender)
{
    return seL4_stub_recv_to_buffer(seL4_SysNBWait, src, sender, 0);
}
#endif

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_Poll(seL4_CPtr src, seL4_Word *sender)
{
    return seL4_stub_recv_to_buffer(SEL4_SYS_POLL, src, sender, 0);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_stub_send_recv(seL4_Word sys, seL4_CPtr cap, seL4_MessageInfo_t msgInfo,
                                                           seL4_Word *sender, seL4_CPtr reply, seL4_CPtr nb_dest,
                                                           seL4_Word *mr0, seL4_Word *mr1, seL4_Word *mr2,
                                                           seL4_Word *mr3)
{
    seL4_MessageInfo_t info;
    seL4_Word badge;
    seL4_Word m[4] = {seL4_stub_mr_in(msgInfo, 0, mr0), seL4_stub_mr_in(msgInfo, 1, mr1),
                      seL4_stub_mr_in(msgInfo, 2, mr2), seL4_stub_mr_in(msgInfo, 3, mr3)};
    seL4_stub_send_recv_sys(sys, cap, reply, nb_dest, &badge, msgInfo.words[0], &info.words[0], m);
    seL4_stub_received(m, badge, sender, mr0, mr1, mr2, mr3);
    return info;
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_stub_send_recv_buffer(seL4_Word sys, seL4_CPtr cap,
                                                                  seL4_MessageInfo_t msgInfo, seL4_Word *sender,
                                                                  seL4_CPtr reply, seL4_CPtr nb_dest)
{
    seL4_Word m0 = seL4_GetMR(0), m1 = seL4_GetMR(1), m2 = seL4_GetMR(2), m3 = seL4_GetMR(3);
    seL4_MessageInfo_t info = seL4_stub_send_recv(sys, cap, msgInfo, sender, reply, nb_dest, &m0, &m1, &m2, &m3);
    seL4_SetMR(0, m0);
    seL4_SetMR(1, m1);
    seL4_SetMR(2, m2);
    seL4_SetMR(3, m3);
    return info;
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_Call(seL4_CPtr dest, seL4_MessageInfo_t msgInfo)
{
    return seL4_stub_send_recv_buffer(seL4_SysCall, dest, msgInfo, 0, 0, 0);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_CallWithMRs(seL4_CPtr dest, seL4_MessageInfo_t msgInfo, seL4_Word *mr0,
                                                        seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    return seL4_stub_send_recv(seL4_SysCall, dest, msgInfo, 0, 0, 0, mr0, mr1, mr2, mr3);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_ReplyRecv(seL4_CPtr src, seL4_MessageInfo_t msgInfo,
                                                      seL4_Word *sender SEL4_MCS_REPLY_PARAM)
{
    return seL4_stub_send_recv_buffer(seL4_SysReplyRecv, src, msgInfo, sender, SEL4_MCS_REPLY, 0);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_ReplyRecvWithMRs(seL4_CPtr src, seL4_MessageInfo_t msgInfo,
                                                             seL4_Word *sender, seL4_Word *mr0, seL4_Word *mr1,
                                                             seL4_Word *mr2, seL4_Word *mr3 SEL4_MCS_REPLY_PARAM)
{
    return seL4_stub_send_recv(seL4_SysReplyRecv, src, msgInfo, sender, SEL4_MCS_REPLY, 0, mr0, mr1, mr2, mr3);
}

#ifdef CONFIG_KERNEL_MCS
/* Sends to dest without blocking, then receives on src through `reply`. */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_NBSendRecv(seL4_CPtr dest, seL4_MessageInfo_t msgInfo, seL4_CPtr src,
                                                       seL4_Word *sender, seL4_CPtr reply)
{
    return seL4_stub_send_recv_buffer(seL4_SysNBSendRecv, src, msgInfo, sender, reply, dest);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_NBSendRecvWithMRs(seL4_CPtr dest, seL4_MessageInfo_t msgInfo,
                                                              seL4_CPtr src, seL4_Word *sender, seL4_Word *mr0,
                                                              seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3,
                                                              seL4_CPtr reply)
{
    return seL4_stub_send_recv(seL4_SysNBSendRecv, src, msgInfo, sender, reply, dest, mr0, mr1, mr2, mr3);
}

/* Replies through the reply cap `dest` without blocking, then waits on src (no reply cap). Upstream's
 * NBSendWaitWithMRs issues ReplyRecv (x86_64) or NBSendRecv to cap 0 (riscv64) instead; both fail
 * where NBSendWait succeeds, so Keel's makes the call NBSendWait makes. */
LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_NBSendWait(seL4_CPtr dest, seL4_MessageInfo_t msgInfo, seL4_CPtr src,
                                                       seL4_Word *sender)
{
    return seL4_stub_send_recv_buffer(seL4_SysNBSendWait, src, msgInfo, sender, dest, 0);
}

LIBSEL4_INLINE_FUNC seL4_MessageInfo_t seL4_NBSendWaitWithMRs(seL4_CPtr dest, seL4_MessageInfo_t msgInfo,
                                                              seL4_CPtr src, seL4_Word *sender, seL4_Word *mr0,
                                                              seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    return seL4_stub_send_recv(seL4_SysNBSendWait, src, msgInfo, sender, dest, 0, mr0, mr1, mr2, mr3);
}
#endif

LIBSEL4_INLINE_FUNC void seL4_Yield(void)
{
    seL4_arch_sys_null(seL4_SysYield);
    __asm__ volatile("" ::: "memory");
}

#ifdef CONFIG_PRINTING
LIBSEL4_INLINE_FUNC void seL4_DebugPutChar(char c)
{
    seL4_arch_sys_send_null(seL4_SysDebugPutChar, (seL4_Word)(unsigned char)c, 0);
}

LIBSEL4_INLINE_FUNC void seL4_DebugPutString(const char *str)
{
    for (; *str; str++) {
        seL4_DebugPutChar(*str);
    }
}

LIBSEL4_INLINE_FUNC void seL4_DebugDumpScheduler(void)
{
    seL4_arch_sys_null(seL4_SysDebugDumpScheduler);
    __asm__ volatile("" ::: "memory");
}
#endif

#ifdef CONFIG_DEBUG_BUILD
LIBSEL4_INLINE_FUNC void seL4_DebugHalt(void)
{
    seL4_arch_sys_null(seL4_SysDebugHalt);
    __asm__ volatile("" ::: "memory");
}

LIBSEL4_INLINE_FUNC void seL4_DebugSnapshot(void)
{
    seL4_arch_sys_null(seL4_SysDebugSnapshot);
    __asm__ volatile("" ::: "memory");
}

LIBSEL4_INLINE_FUNC seL4_Uint32 seL4_DebugCapIdentify(seL4_CPtr cap)
{
    seL4_Word m0 = 0, m1 = 0, m2 = 0, m3 = 0, info = 0;
    seL4_arch_sys_send_recv(seL4_SysDebugCapIdentify, cap, &cap, 0, &info, &m0, &m1, &m2, &m3);
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
    seL4_arch_sys_send_recv(seL4_SysDebugNameThread, tcb, &badge, 0, &info, &m0, &m1, &m2, &m3);
}
#endif

#ifdef CONFIG_SET_TLS_BASE_SELF
LIBSEL4_INLINE_FUNC void seL4_SetTLSBase(seL4_Word tls_base)
{
    seL4_arch_sys_send_null(seL4_SysSetTLSBase, tls_base, 0);
    __asm__ volatile("" ::: "memory");
}
#endif
