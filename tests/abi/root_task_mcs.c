/* An upstream-style root task of seL4's MCS configuration: it must compile against Keel's libsel4
 * with the MCS sel4/config.h and upstream's include path, for x86_64 (CTest abi.x86_64.mcs.root_task),
 * riscv64 (abi.riscv64.mcs.root_task) and aarch64 (abi.aarch64.mcs.root_task). Nothing runs it yet:
 * the kernel is classic. */
#include <sel4/sel4.h>

#include "root_task_slots.h"

#ifdef CONFIG_ARCH_X86_64
#define FRAME_OBJECT seL4_X86_4K
#define PC rip
#define SP rsp
#elif defined(CONFIG_ARCH_AARCH64)
#define FRAME_OBJECT seL4_ARM_SmallPageObject
#define PC pc
#define SP sp
#else
#define FRAME_OBJECT seL4_RISCV_4K_Page
#define PC pc
#define SP sp
#endif

LIBSEL4_THREAD_LOCAL seL4_IPCBuffer *__sel4_ipc_buffer;

static seL4_CPtr make(seL4_BootInfo *info, seL4_Word type, seL4_Word size_bits)
{
    seL4_CPtr slot = alloc_slot(info);
    seL4_CPtr ut = untyped_of_size(info, seL4_PageBits + 2);
    seL4_Untyped_Retype(ut, type, size_bits, seL4_CapInitThreadCNode, 0, 0, slot, 1);
    return slot;
}

/* A server thread: waits through its reply object, answers each call and waits again. */
static seL4_CPtr server_ep, server_reply;
static char server_stack[4096] __attribute__((aligned(16)));

static void server(void)
{
    seL4_Word badge;
    seL4_MessageInfo_t msg = seL4_Recv(server_ep, &badge, server_reply);
    for (;;) {
        seL4_SetMR(0, seL4_GetMR(0) + 1);
        msg = seL4_ReplyRecv(server_ep, seL4_MessageInfo_new(0, 0, 0, seL4_MessageInfo_get_length(msg)), &badge,
                             server_reply);
    }
}

/* A timeout fault's handler: says whose budget ran out and how much it had used, then restarts it. */
static void handle_timeout(seL4_CPtr fault_ep, seL4_CPtr reply)
{
    seL4_Word badge;
    seL4_MessageInfo_t msg = seL4_Recv(fault_ep, &badge, reply);
    if (seL4_isTimeoutFault_tag(msg) && seL4_MessageInfo_get_length(msg) == seL4_Timeout_Length) {
        seL4_Word sc_badge = seL4_GetMR(seL4_Timeout_Data);
        seL4_Word used = seL4_GetMR(seL4_Timeout_Consumed);
        (void)sc_badge;
        (void)used;
    }
    seL4_UserContext regs = {0};
    seL4_MessageInfo_t resume = seL4_TimeoutReply_new(seL4_True, regs, 0);
    seL4_Word pc = 0;
    seL4_NBSendWaitWithMRs(reply, resume, fault_ep, &badge, &pc, 0, 0, 0);
}

void root_task_main(seL4_BootInfo *info)
{
    seL4_SetIPCBuffer(info->ipcBuffer);
    seL4_DebugPutString("hello from MCS\n");

    /* the root task's own budget, and the scheduling control of node 0 */
    seL4_SchedContext_Consumed_t mine = seL4_SchedContext_Consumed(seL4_CapInitThreadSC);
    seL4_CPtr sched_control = info->schedcontrol.start;
    if (info->schedcontrol.end - info->schedcontrol.start != info->numNodes) {
        seL4_DebugPutString("one SchedControl cap per node\n");
    }

    /* a server with its own scheduling context (1 ms every 10 ms, sporadic, 2 extra refills) */
    seL4_CPtr tcb = make(info, seL4_TCBObject, 0);
    seL4_CPtr sc = make(info, seL4_SchedContextObject, seL4_MinSchedContextBits + 1);
    server_ep = make(info, seL4_EndpointObject, 0);
    server_reply = make(info, seL4_ReplyObject, 0);
    seL4_CPtr fault_ep = make(info, seL4_EndpointObject, 0);
    seL4_CPtr fault_reply = make(info, seL4_ReplyObject, 0);
    seL4_Word refills = seL4_MaxExtraRefills(seL4_MinSchedContextBits + 1);
    seL4_Error err = seL4_SchedControl_ConfigureFlags(sched_control, sc, 1000, 10000, refills < 2 ? refills : 2, 0x5c,
                                                      seL4_SchedContext_Sporadic);
    if (err == seL4_NoError) {
        err = seL4_TCB_Configure(tcb, seL4_CapInitThreadCNode, 0, seL4_CapInitThreadVSpace, 0, 0, seL4_CapNull);
    }
    if (err == seL4_NoError) {
        err = seL4_TCB_SetSchedParams(tcb, seL4_CapInitThreadTCB, seL4_MaxPrio, seL4_MaxPrio - 1, sc, fault_ep);
    }
    if (err == seL4_NoError) {
        err = seL4_TCB_SetTimeoutEndpoint(tcb, fault_ep);
    }
    if (err == seL4_NoError) {
        err = seL4_TCB_SetSpace(tcb, fault_ep, seL4_CapInitThreadCNode, 0, seL4_CapInitThreadVSpace, 0);
    }
    seL4_UserContext regs = {0};
    regs.PC = (seL4_Word)server;
    regs.SP = (seL4_Word)(server_stack + sizeof(server_stack));
    seL4_TCB_WriteRegisters(tcb, 1, 0, sizeof(regs) / sizeof(seL4_Word), &regs);

    /* the server's scheduling context moves between threads */
    seL4_SchedContext_UnbindObject(sc, tcb);
    seL4_SchedContext_Bind(sc, tcb);
    seL4_SchedContext_YieldTo_t yielded = seL4_SchedContext_YieldTo(sc);
    seL4_SchedContext_Consumed_t used = seL4_SchedContext_Consumed(sc);
    (void)mine;
    (void)yielded.consumed;
    (void)used.consumed;

    /* a call, a non-blocking send with a receive, and the notification calls of MCS */
    seL4_SetMR(0, 41);
    seL4_MessageInfo_t answer = seL4_Call(server_ep, seL4_MessageInfo_new(0, 0, 0, 1));
    seL4_Word badge;
    seL4_CPtr ntfn = make(info, seL4_NotificationObject, 0);
    seL4_NBSendRecv(server_ep, answer, fault_ep, &badge, fault_reply);
    seL4_Signal(ntfn);
    seL4_Wait(ntfn, &badge);
    seL4_NBWait(ntfn, &badge);
    seL4_Poll(ntfn, &badge);
    seL4_NBSendWait(fault_reply, seL4_MessageInfo_new(0, 0, 0, 0), ntfn, &badge);
    handle_timeout(fault_ep, fault_reply);
    seL4_SchedContext_Unbind(sc);

    /* a frame: the architecture's types moved up by two */
    seL4_CPtr frame = make(info, FRAME_OBJECT, 0);
    (void)frame;
    seL4_DebugHalt();
}
