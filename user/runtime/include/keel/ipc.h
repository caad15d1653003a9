/* Keel user runtime: IPC that reads the same in the classic and the MCS configuration. With MCS
 * (CONFIG_KERNEL_MCS) a receive that may be answered needs a reply object: each thread the runtime
 * starts, and each program keel_spawn_elf starts, has its own (keel_thread_reply), which these
 * calls pass and reply through. */
#pragma once

#include <sel4/sel4.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifdef CONFIG_KERNEL_MCS
/* The calling thread's reply object, kept in its thread-local storage. */
extern __thread seL4_CPtr keel_thread_reply;
#define KEEL_REPLY_ARG , keel_thread_reply
#define KEEL_REPLY_REGISTER keel_thread_reply
#else
#define KEEL_REPLY_ARG
#define KEEL_REPLY_REGISTER 0
#endif

/* A new thread's reply object in *reply: with MCS a new one (seL4_NotEnoughMemory when there is no
 * memory for it), classic 0. */
seL4_Error keel_new_reply(seL4_CPtr *reply);

/* seL4_Recv, seL4_NBRecv and seL4_ReplyRecv through the calling thread's reply object. */
static inline seL4_MessageInfo_t keel_recv(seL4_CPtr src, seL4_Word *badge)
{
    return seL4_Recv(src, badge KEEL_REPLY_ARG);
}

static inline seL4_MessageInfo_t keel_nb_recv(seL4_CPtr src, seL4_Word *badge)
{
    return seL4_NBRecv(src, badge KEEL_REPLY_ARG);
}

static inline seL4_MessageInfo_t keel_reply_recv(seL4_CPtr src, seL4_MessageInfo_t info, seL4_Word *badge)
{
    return seL4_ReplyRecv(src, info, badge KEEL_REPLY_ARG);
}

/* Answers the last caller (or faulting thread) the calling thread received from: seL4_Reply, or
 * with MCS a Send on its reply object. */
static inline void keel_reply(seL4_MessageInfo_t info)
{
#ifdef CONFIG_KERNEL_MCS
    seL4_Send(keel_thread_reply, info);
#else
    seL4_Reply(info);
#endif
}

/* The register-only system calls (sys, cap, badge, info, message registers 0-3: no IPC buffer
 * needed); a receive goes through the calling thread's reply object. */
#define keel_sys_send seL4_arch_sys_send
#define keel_sys_send_null seL4_arch_sys_send_null

static inline void keel_sys_send_recv(seL4_Word sys, seL4_Word dest, seL4_Word *badge, seL4_Word info,
                                      seL4_Word *out_info, seL4_Word *mr0, seL4_Word *mr1, seL4_Word *mr2,
                                      seL4_Word *mr3)
{
    seL4_arch_sys_nbsend_recv(sys, 0, dest, badge, info, out_info, mr0, mr1, mr2, mr3, KEEL_REPLY_REGISTER);
}

static inline void keel_sys_recv(seL4_Word sys, seL4_Word src, seL4_Word *badge, seL4_Word *out_info, seL4_Word *mr0,
                                 seL4_Word *mr1, seL4_Word *mr2, seL4_Word *mr3)
{
    seL4_Word mr[4];
    seL4_stub_recv_sys(sys, src, KEEL_REPLY_REGISTER, badge, out_info, mr);
    *mr0 = mr[0];
    *mr1 = mr[1];
    *mr2 = mr[2];
    *mr3 = mr[3];
}

#ifdef __cplusplus
}
#endif
