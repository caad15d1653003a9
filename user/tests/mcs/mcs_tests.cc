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
