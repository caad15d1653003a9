// SCHED, FAULT, IPC in the MCS configuration only (docs/mcs.md): where seL4 16.0.0's MCS
// configuration defines behaviour the classic one does not have.
#include "thread_helpers.h"

using namespace keel;

namespace {
ThreadStack stack;
volatile seL4_Word ran;
void mark_ran() {
    ran = 1;
    park();
}
}  // namespace

// seL4's restart() queues a resumed thread only if it is schedulable (a configured scheduling
// context); schedContext_bindTCB queues it and asks for a reschedule; schedContext_unbindTCB
// takes it off the ready queue.
KEEL_TEST(SCHED0003, "MCS: a thread without a scheduling context never runs; bound to one it is queued, unbound it is not") {
    ran = 0;
    seL4_CPtr t = spawn_thread(mark_ran, stack, 50, false);
    KEEL_CHECK_EQ(set_sched_params(t, seL4_CapInitThreadTCB, 0, 50), seL4_NoError);  // unbinds its scheduling context
    KEEL_CHECK_EQ(seL4_TCB_Resume(t), seL4_NoError);
    KEEL_CHECK_EQ(set_own_priority(5), seL4_NoError);
    seL4_Yield();
    KEEL_CHECK_EQ(ran, 0);  // the root below it, yet it does not run
    KEEL_CHECK_EQ(set_own_priority(100), seL4_NoError);
    seL4_CPtr sc = keel_new_sched_context();
    KEEL_CHECK_EQ(seL4_SchedContext_Bind(sc, t), seL4_NoError);  // ready, below the root
    KEEL_CHECK_EQ(ran, 0);
    KEEL_CHECK_EQ(seL4_SchedContext_Unbind(sc), seL4_NoError);
    KEEL_CHECK_EQ(set_own_priority(5), seL4_NoError);
    seL4_Yield();
    KEEL_CHECK_EQ(ran, 0);  // no longer queued
    KEEL_CHECK_EQ(seL4_SchedContext_Bind(sc, t), seL4_NoError);
    KEEL_CHECK_EQ(ran, 1);  // above the root now: it ran at once
    KEEL_CHECK_EQ(seL4_TCB_Suspend(t), seL4_NoError);
}

namespace {
void read_null() {
    ran = *reinterpret_cast<volatile seL4_Word*>(0);
    park();
}
}  // namespace

// Classic seL4 keeps the fault endpoint as a CPtr looked up when the thread faults; MCS copies
// the cap into the TCB (invokeTCB_ThreadControlSched's fault handler slot).
KEEL_TEST(FAULT0007, "MCS: the fault handler is a copy of the cap SetSchedParams named: faults reach it, with its badge, after that cap is deleted") {
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0), handler = alloc_slot();
    KEEL_CHECK_EQ(seL4_CNode_Mint(root, handler, 64, root, ep, 64, seL4_AllRights, 0x77), seL4_NoError);
    KEEL_CHECK_EQ(set_own_priority(100), seL4_NoError);
    seL4_CPtr t = spawn_thread(read_null, stack, 150, false, handler);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, handler, 64), seL4_NoError);
    KEEL_CHECK_EQ(seL4_TCB_Resume(t), seL4_NoError);  // faults at once
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = keel_nb_recv(ep, &badge);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_VMFault);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_VMFault_Addr), 0);
    KEEL_CHECK_EQ(badge, 0x77);
    KEEL_CHECK_EQ(seL4_TCB_Suspend(t), seL4_NoError);
}

namespace {
seL4_CPtr recv_ep, recv_reply;
void recv_with_reply() {
    seL4_Word badge, info, mr[4];
    seL4_stub_recv_sys(seL4_SysRecv, recv_ep, recv_reply, &badge, &info, mr);
    park();
}
}  // namespace

// seL4's handleRecv looks the endpoint up, then the reply cap (lookupReply): a slot that holds no
// reply object is a cap fault in the receive phase at the reply cap's address.
KEEL_TEST(IPC0013, "MCS: Recv whose reply cap names an empty slot or an endpoint is a receive-phase cap fault on the reply cap") {
    recv_ep = alloc_object(seL4_EndpointObject, 0);
    recv_reply = alloc_slot();
    expect_receive_cap_fault_from(recv_with_reply, recv_reply);
    recv_reply = alloc_object(seL4_EndpointObject, 0);
    expect_receive_cap_fault_from(recv_with_reply, recv_reply);
}

namespace {
seL4_CPtr call_ep;
void call_once() {
    raw_call(call_ep, 1);
    ran = 1;
    park();
}

// A thread above the root task (lowered to 100) that calls call_ep, a new endpoint, at once.
seL4_CPtr start_caller() {
    call_ep = alloc_object(seL4_EndpointObject, 0);
    ran = 0;
    KEEL_CHECK_EQ(set_own_priority(100), seL4_NoError);
    return spawn_thread(call_once, stack, 150, true);
}

// The caller, stopped without an answer, is no longer waiting for one: resumed, it calls again,
// and this time the root task's reply reaches it.
void expect_stopped_caller(seL4_CPtr caller) {
    seL4_Yield();
    KEEL_CHECK_EQ(ran, 0);
    KEEL_CHECK_EQ(seL4_TCB_Resume(caller), seL4_NoError);
    seL4_Word badge;
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(keel_recv(call_ep, &badge)), 1);
    keel_reply(seL4_MessageInfo_new(0, 0, 0, 0));
    KEEL_CHECK_EQ(ran, 1);
    KEEL_CHECK_EQ(seL4_TCB_Suspend(caller), seL4_NoError);
}
}  // namespace

// seL4's receiveIPC: a receive through a reply object that still holds a caller cancels that
// caller's IPC (reply_remove_tcb: Inactive), so the reply object answers no one afterwards.
KEEL_TEST(IPC0014, "MCS: receiving again through a reply object that holds a caller stops the caller for good; the reply then answers no one") {
    seL4_CPtr caller = start_caller();
    seL4_CPtr other_ep = alloc_object(seL4_EndpointObject, 0);
    seL4_Word badge;
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(keel_recv(call_ep, &badge)), 1);
    keel_nb_recv(other_ep, &badge);  // through the same reply object: the caller is cancelled
    keel_reply(seL4_MessageInfo_new(0, 0, 0, 0));
    expect_stopped_caller(caller);
}

namespace {
seL4_CPtr receive_reply;
volatile seL4_Word received_badge;
void receive_through_reply() {
    seL4_Word badge, info, mr[4];
    seL4_stub_recv_sys(seL4_SysRecv, call_ep, receive_reply, &badge, &info, mr);
    received_badge = badge;
    park();
}
}  // namespace

// seL4's finaliseCap on the last cap to a reply object: a caller waiting on it is removed
// (reply_remove: Inactive), a thread receiving through it stops receiving (cancelIPC).
KEEL_TEST(IPC0015, "MCS: deleting a reply object stops the caller waiting on it, and the thread receiving through it") {
    seL4_CPtr caller = start_caller();
    seL4_CPtr reply = alloc_object(seL4_ReplyObject, 0);
    seL4_Word badge;
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(seL4_Recv(call_ep, &badge, reply)), 1);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, reply, 64), seL4_NoError);
    expect_stopped_caller(caller);

    static ThreadStack receiver_stack;
    receive_reply = alloc_object(seL4_ReplyObject, 0);
    received_badge = 0;
    seL4_CPtr receiver = spawn_thread(receive_through_reply, receiver_stack, 150, true);  // waits on call_ep
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, receive_reply, 64), seL4_NoError);
    seL4_CPtr badged = alloc_slot();
    KEEL_CHECK_EQ(seL4_CNode_Mint(root, badged, 64, root, call_ep, 64, seL4_AllRights, 9), seL4_NoError);
    seL4_NBSend(badged, seL4_MessageInfo_new(0, 0, 0, 0));
    KEEL_CHECK_EQ(received_badge, 0);  // no receiver left on the endpoint
    KEEL_CHECK_EQ(seL4_TCB_Suspend(receiver), seL4_NoError);
}

namespace {
void expect_invalid_cap(seL4_Error e, seL4_Word number) {
    KEEL_CHECK_EQ(e, seL4_InvalidCapability);
    KEEL_CHECK_EQ(seL4_GetMR(0), number);
}
}  // namespace

// seL4's validFaultHandler (an endpoint cap with Write and Grant or GrantReply, or null), checked
// by decodeSetSpace after the CSpace and VSpace roots and by decodeSetSchedParams after the
// scheduling context; the scheduling-context rules of decodeSetSchedParams.
KEEL_TEST(THREADS0017, "MCS: SetSpace and SetSchedParams take a fault handler that is null or an endpoint with Write and Grant or GrantReply, and refuse to move a bound scheduling context") {
    seL4_CPtr t = alloc_object(seL4_TCBObject, 0), other = alloc_object(seL4_TCBObject, 0);
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0), ntfn = alloc_object(seL4_NotificationObject, 0);
    seL4_CPtr no_grant = minted(ep, seL4_CanWrite), no_write = minted(ep, seL4_CapRights_new(1, 1, 1, 0));
    seL4_CPtr grant_reply = minted(ep, seL4_CapRights_new(1, 0, 0, 1));
    constexpr seL4_CPtr vs = seL4_CapInitThreadVSpace, me = seL4_CapInitThreadTCB;
    const seL4_CPtr bad_handlers[] = {no_grant, no_write, ntfn};
    for (seL4_CPtr bad : bad_handlers) expect_invalid_cap(seL4_TCB_SetSpace(t, bad, root, 0, vs, 0), 1);
    KEEL_CHECK_EQ(seL4_TCB_SetSpace(t, ntfn, me, 0, vs, 0), seL4_IllegalOperation);  // the CSpace root first
    KEEL_CHECK_EQ(seL4_TCB_SetSpace(t, grant_reply, root, 0, vs, 0), seL4_NoError);
    KEEL_CHECK_EQ(seL4_TCB_SetSpace(t, seL4_CapNull, root, 0, vs, 0), seL4_NoError);
    expect_invalid_cap(seL4_TCB_SetSchedParams(t, me, 0, 10, seL4_CapNull, no_grant), 3);
    expect_invalid_cap(seL4_TCB_SetSchedParams(t, me, 0, 10, ep, grant_reply), 2);
    KEEL_CHECK_EQ(seL4_TCB_SetSchedParams(t, me, 0, 10, seL4_CapNull, grant_reply), seL4_NoError);
    KEEL_CHECK_EQ(seL4_TCB_SetSchedParams(me, me, seL4_MaxPrio, seL4_MaxPrio, seL4_CapNull, seL4_CapNull),
                  seL4_IllegalOperation);  // the caller's own scheduling context
    seL4_CPtr sc = keel_new_sched_context();
    KEEL_CHECK_EQ(seL4_TCB_SetSchedParams(t, me, 0, 10, sc, seL4_CapNull), seL4_NoError);
    KEEL_CHECK_EQ(seL4_TCB_SetSchedParams(other, me, 0, 10, sc, seL4_CapNull), seL4_IllegalOperation);  // bound to t
    KEEL_CHECK_EQ(seL4_TCB_SetSchedParams(t, me, 0, 10, keel_new_sched_context(), seL4_CapNull), seL4_IllegalOperation);
    KEEL_CHECK_EQ(seL4_TCB_SetSchedParams(t, me, 0, 10, sc, seL4_CapNull), seL4_NoError);  // the one it has
}

// seL4's SchedContext Unbind and UnbindObject refuse the scheduling context of the thread invoking them.
KEEL_TEST(SCHED0004, "MCS: the root task cannot unbind its own scheduling context (Unbind, UnbindObject: IllegalOperation)") {
    KEEL_CHECK_EQ(seL4_SchedContext_Unbind(seL4_CapInitThreadSC), seL4_IllegalOperation);
    KEEL_CHECK_EQ(seL4_SchedContext_UnbindObject(seL4_CapInitThreadSC, seL4_CapInitThreadTCB), seL4_IllegalOperation);
    KEEL_CHECK_EQ(seL4_DebugCapIdentify(seL4_CapInitThreadSC), tag_sched_context);
}

namespace {
seL4_CPtr doubling_ep;
// Doubles the first word of each call, answering through its reply object with NBSendRecv, which
// receives the next call through the same reply object.
void doubling_server() {
    seL4_Word badge;
    keel_recv(doubling_ep, &badge);
    for (;;) {
        seL4_SetMR(0, seL4_GetMR(0) * 2);
        seL4_NBSendRecv(keel_thread_reply, seL4_MessageInfo_new(0, 0, 0, 1), doubling_ep, &badge, keel_thread_reply);
    }
}

seL4_Word call_doubling(seL4_Word v) {
    seL4_SetMR(0, v);
    seL4_Call(doubling_ep, seL4_MessageInfo_new(0, 0, 0, 1));
    return seL4_GetMR(0);
}
}  // namespace

// seL4's NBSendRecv: the send phase invokes the cap in the destination register (a reply cap:
// performInvocation_Reply), then the receive phase waits on the source through the reply cap.
KEEL_TEST(IPC0016, "MCS: a server answers with NBSendRecv on its reply object and receives the next call through it") {
    doubling_ep = alloc_object(seL4_EndpointObject, 0);
    KEEL_CHECK_EQ(set_own_priority(100), seL4_NoError);
    static ThreadStack server_stack;
    seL4_CPtr server = spawn_ipc_thread(doubling_server, server_stack, 200, 2);  // waits
    KEEL_CHECK_EQ(call_doubling(21), 42);
    KEEL_CHECK_EQ(call_doubling(5), 10);
    KEEL_CHECK_EQ(seL4_TCB_Suspend(server), seL4_NoError);
}
