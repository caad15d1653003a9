// IPC, IPCRIGHTS, BIND, NOTIF, FAULT: endpoints, notifications and fault handlers between threads of the root task.
#include <keel/arch.h>
#include "test_arch.h"
#include "thread_helpers.h"

using namespace keel;

namespace {

ThreadStack server_stack;
seL4_CPtr server_tcb, server_ep;
volatile seL4_Word server_seen_badge, server_rounds;

// Replies to every message with its words reversed and each incremented, label + 1.
void echo_server() {
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = keel_recv(server_ep, &badge);
    for (;;) {
        server_seen_badge = badge;
        server_rounds = server_rounds + 1;
        seL4_Word n = seL4_MessageInfo_get_length(info);
        seL4_Word words[seL4_MsgMaxLength];
        for (seL4_Word i = 0; i < n; i++) words[i] = seL4_GetMR(i);
        for (seL4_Word i = 0; i < n; i++) seL4_SetMR(i, words[n - 1 - i] + 1);
        info = keel_reply_recv(server_ep, seL4_MessageInfo_new(seL4_MessageInfo_get_label(info) + 1, 0, 0, n), &badge);
    }
}

// The root runs below the server, so the server is always waiting when the root sends.
void start_echo_server() {
    set_own_priority(100);
    if (server_tcb) return;
    server_ep = alloc_object(seL4_EndpointObject, 0);
    server_tcb = spawn_ipc_thread(echo_server, server_stack, 200, 1);
}

}  // namespace

KEEL_TEST(IPC0001, "Call and ReplyRecv carry the label and four register words both ways") {
    start_echo_server();
    KEEL_CHECK(server_tcb != 0);
    for (int i = 0; i < 4; i++) seL4_SetMR(i, 10 + i);
    seL4_MessageInfo_t reply = seL4_Call(server_ep, seL4_MessageInfo_new(7, 0, 0, 4));
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(reply), 8);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_length(reply), 4);
    KEEL_CHECK_EQ(seL4_GetMR(0), 14);
    KEEL_CHECK_EQ(seL4_GetMR(3), 11);
    KEEL_CHECK_EQ(server_seen_badge, 0);
}

KEEL_TEST(IPC0002, "120-word messages travel through both IPC buffers; longer lengths are clamped to 120") {
    start_echo_server();
    for (int i = 0; i < 120; i++) seL4_SetMR(i, 1000 + i);
    seL4_MessageInfo_t reply = seL4_Call(server_ep, seL4_MessageInfo_new(1, 0, 0, 120));
    KEEL_CHECK_EQ(seL4_MessageInfo_get_length(reply), 120);
    KEEL_CHECK_EQ(seL4_GetMR(0), 1000 + 119 + 1);
    KEEL_CHECK_EQ(seL4_GetMR(119), 1000 + 1);
    reply = seL4_Call(server_ep, seL4_MessageInfo_new(1, 0, 0, 127));
    KEEL_CHECK_EQ(seL4_MessageInfo_get_length(reply), 120);
}

KEEL_TEST(IPC0003, "the badge of the invoked cap reaches the receiver") {
    start_echo_server();
    seL4_CPtr badged = alloc_slot();
    KEEL_CHECK_EQ(seL4_CNode_Mint(root, badged, 64, root, server_ep, 64, seL4_AllRights, 0xbad6e), seL4_NoError);
    seL4_Call(badged, seL4_MessageInfo_new(0, 0, 0, 0));
    KEEL_CHECK_EQ(server_seen_badge, 0xbad6e);
}

KEEL_TEST(IPC0004, "NBSend with no receiver drops the message; NBRecv with no sender returns at once with badge 0") {
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    seL4_SetMR(0, 1);
    seL4_NBSend(ep, seL4_MessageInfo_new(0, 0, 0, 1));
    seL4_Word badge = 99;
    keel_nb_recv(ep, &badge);
    KEEL_CHECK_EQ(badge, 0);
}

KEEL_TEST(IPC0005, "a cap sent with a message lands in the receiver's receive slot; the endpoint itself is unwrapped") {
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr badged = alloc_slot();
    KEEL_CHECK_EQ(seL4_CNode_Mint(root, badged, 64, root, ep, 64, seL4_AllRights, 77), seL4_NoError);
    seL4_CPtr dest = alloc_slot();
    seL4_SetCapReceivePath(root, dest, 64);
    // Send to ourselves: queue the message with NBSend? A sender blocks, so use a helper thread.
    static seL4_CPtr helper_ep, helper_badged;
    helper_ep = ep;
    helper_badged = badged;
    static ThreadStack stack;
    auto sender = [] {
        seL4_SetCap(0, seL4_CapDomain);
        seL4_SetCap(1, helper_badged);
        seL4_Send(helper_ep, seL4_MessageInfo_new(5, 0, 2, 0));
        park();
    };
    KEEL_CHECK_EQ(set_own_priority(100), seL4_NoError);
    seL4_CPtr t = spawn_ipc_thread(sender, stack, 200, 2);  // runs first and blocks in Send
    KEEL_CHECK(t != 0);
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = keel_recv(ep, &badge);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), 5);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_extraCaps(info), 2);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_capsUnwrapped(info), 2);  // the second cap named this endpoint
    KEEL_CHECK_EQ(seL4_GetBadge(1), 77);
    KEEL_CHECK_EQ(cap_type(dest), tag_domain);
    KEEL_CHECK_EQ(seL4_TCB_Suspend(t), seL4_NoError);
    seL4_SetCapReceivePath(0, 0, 0);
}

namespace {
ThreadStack waiter_stack;
seL4_CPtr ntfn;
volatile seL4_Word waiter_badge;
void waiter() {
    seL4_Word badge = 0;
    seL4_Wait(ntfn, &badge);
    waiter_badge = badge;
    for (;;) seL4_Wait(ntfn, &badge);
}
}  // namespace

KEEL_TEST(NOTIF0001, "signals OR their badges into the word; Wait takes it all; Poll on an empty word returns 0") {
    seL4_CPtr n = alloc_object(seL4_NotificationObject, 0);
    seL4_CPtr a = alloc_slot(), b = alloc_slot();
    KEEL_CHECK_EQ(seL4_CNode_Mint(root, a, 64, root, n, 64, seL4_AllRights, 0x1), seL4_NoError);
    KEEL_CHECK_EQ(seL4_CNode_Mint(root, b, 64, root, n, 64, seL4_AllRights, 0x6), seL4_NoError);
    seL4_Signal(a);
    seL4_Signal(b);
    seL4_Word badge = 0;
    seL4_Wait(n, &badge);
    KEEL_CHECK_EQ(badge, 0x7);
    seL4_Poll(n, &badge);
    KEEL_CHECK_EQ(badge, 0);
}

KEEL_TEST(NOTIF0002, "a signal wakes a waiting thread with the badge") {
    ntfn = alloc_object(seL4_NotificationObject, 0);
    seL4_CPtr badged = alloc_slot();
    KEEL_CHECK_EQ(seL4_CNode_Mint(root, badged, 64, root, ntfn, 64, seL4_AllRights, 0x40), seL4_NoError);
    KEEL_CHECK_EQ(set_own_priority(100), seL4_NoError);
    waiter_badge = 0;
    seL4_CPtr t = spawn_ipc_thread(waiter, waiter_stack, 200, 3);
    KEEL_CHECK_EQ(waiter_badge, 0);  // blocked
    seL4_Signal(badged);
    KEEL_CHECK_EQ(waiter_badge, 0x40);  // higher priority: ran at once
    KEEL_CHECK_EQ(seL4_TCB_Suspend(t), seL4_NoError);
}

KEEL_TEST(NOTIF0003, "a notification bound to a thread wakes it from a Recv on an endpoint") {
    start_echo_server();
    seL4_CPtr n = alloc_object(seL4_NotificationObject, 0);
    seL4_CPtr badged = alloc_slot();
    KEEL_CHECK_EQ(seL4_CNode_Mint(root, badged, 64, root, n, 64, seL4_AllRights, 0x99), seL4_NoError);
    KEEL_CHECK_EQ(seL4_TCB_BindNotification(server_tcb, n), seL4_NoError);
    KEEL_CHECK_EQ(seL4_TCB_BindNotification(server_tcb, n), seL4_IllegalOperation);  // already bound
    seL4_Word rounds = server_rounds;
    seL4_Signal(badged);  // the server wakes from Recv with the badge, then waits again
    KEEL_CHECK_EQ(server_rounds, rounds + 1);
    KEEL_CHECK_EQ(server_seen_badge, 0x99);
    KEEL_CHECK_EQ(seL4_TCB_UnbindNotification(server_tcb), seL4_NoError);
    KEEL_CHECK_EQ(seL4_TCB_UnbindNotification(server_tcb), seL4_IllegalOperation);
}

namespace {
ThreadStack faulter_stack;
volatile seL4_Word after_fault;
void unknown_syscall_then_continue() {
    test_arch::unknown_syscall();
    after_fault = 1;
    test_arch::undefined_instruction();
    after_fault = 2;
    park();
}
}  // namespace

KEEL_TEST(FAULT0001, "unknown syscalls and user exceptions reach the fault endpoint; a reply resumes the thread") {
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr fault_ep = alloc_slot();
    KEEL_CHECK_EQ(seL4_CNode_Mint(root, fault_ep, 64, root, ep, 64, seL4_AllRights, 0xf1), seL4_NoError);
    after_fault = 0;
    KEEL_CHECK_EQ(set_own_priority(100), seL4_NoError);
    seL4_CPtr t = spawn_thread(unknown_syscall_then_continue, faulter_stack, 150, true, fault_ep);  // faults at once
    KEEL_CHECK(t != 0);

    seL4_Word badge = 0;
    seL4_MessageInfo_t info = keel_recv(ep, &badge);
    KEEL_CHECK_EQ(badge, 0xf1);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_UnknownSyscall);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_length(info), seL4_UnknownSyscall_Length);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_UnknownSyscall_Syscall), static_cast<seL4_Word>(-99));
    seL4_Word ip = seL4_GetMR(seL4_UnknownSyscall_FaultIP);
    KEEL_CHECK(ip > reinterpret_cast<seL4_Word>(unknown_syscall_then_continue));
    KEEL_CHECK_EQ(after_fault, 0);
    seL4_SetMR(seL4_UnknownSyscall_FaultIP, ip + test_arch::syscall_instruction_bytes);  // skip it
    info = keel_reply_recv(ep, seL4_MessageInfo_new(0, 0, 0, seL4_UnknownSyscall_FaultIP + 1), &badge);

    KEEL_CHECK_EQ(after_fault, 1);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_UserException);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_UserException_Number), test_arch::undefined_instruction_exception);
    seL4_SetMR(seL4_UserException_FaultIP,
               seL4_GetMR(seL4_UserException_FaultIP) + test_arch::undefined_instruction_bytes);  // skip it
    keel_reply(seL4_MessageInfo_new(0, 0, 0, 3));
    KEEL_CHECK_EQ(after_fault, 2);
    KEEL_CHECK_EQ(seL4_TCB_Suspend(t), seL4_NoError);
}

KEEL_TEST(FAULT0002, "a VM fault message names the address and access; a non-zero reply label leaves the thread stopped") {
    static volatile seL4_Word reached;
    reached = 0;
    auto bad_read = [] {
        reached = *reinterpret_cast<volatile seL4_Word*>(0x10);
        park();
    };
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    static ThreadStack stack;
    KEEL_CHECK_EQ(set_own_priority(100), seL4_NoError);
    KEEL_CHECK(spawn_thread(+bad_read, stack, 150, true, ep) != 0);
    seL4_Word badge = 1;
    seL4_MessageInfo_t info = keel_recv(ep, &badge);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_VMFault);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_VMFault_Addr), 0x10);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_VMFault_PrefetchFault), 0);
    KEEL_CHECK(test_arch::is_user_read_fault(seL4_GetMR(seL4_VMFault_FSR)));
    keel_reply(seL4_MessageInfo_new(1, 0, 0, 0));
    seL4_Yield();
    KEEL_CHECK_EQ(reached, 0);
}

KEEL_TEST(IPCRIGHTS0001, "an endpoint cap without Write: Call is answered InvalidCapability 0, Send and NBSend do nothing") {
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr read_only = minted(ep, seL4_CanRead);
    KEEL_CHECK(read_only != 0);
    seL4_MessageInfo_t reply = seL4_Call(read_only, seL4_MessageInfo_new(3, 0, 0, 0));
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(reply), seL4_InvalidCapability);
    KEEL_CHECK_EQ(seL4_GetMR(0), 0);
    seL4_Send(read_only, seL4_MessageInfo_new(3, 0, 0, 0));  // would block for good if it were sent
    seL4_NBSend(read_only, seL4_MessageInfo_new(3, 0, 0, 0));
    KEEL_CHECK_EQ(cap_type(ep), tag_endpoint);
}

KEEL_TEST(IPCRIGHTS0002, "Recv or Wait through a cap without Read is a cap fault in the receive phase") {
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr ntfn = alloc_object(seL4_NotificationObject, 0);
    expect_receive_cap_fault(minted(ep, seL4_CanWrite));
    expect_receive_cap_fault(minted(ntfn, seL4_CanWrite));
    expect_receive_cap_fault(alloc_object(seL4_TCBObject, 0));
    expect_receive_cap_fault(alloc_slot());
}

namespace {
seL4_CPtr grant_test_ep;
void send_domain_cap() {
    seL4_SetCap(0, seL4_CapDomain);
    seL4_Send(grant_test_ep, seL4_MessageInfo_new(5, 0, 1, 1));
    park();
}
}  // namespace

KEEL_TEST(IPCRIGHTS0003, "caps sent through an endpoint cap without Grant are dropped; the message arrives") {
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    grant_test_ep = minted(ep, seL4_CapRights_new(1, 0, 1, 1));  // GrantReply, Read, Write: no Grant
    seL4_CPtr dest = alloc_slot();
    seL4_SetCapReceivePath(root, dest, 64);
    static ThreadStack stack;
    KEEL_CHECK_EQ(set_own_priority(100), seL4_NoError);
    seL4_CPtr t = spawn_ipc_thread(send_domain_cap, stack, 200, 3);
    seL4_Word badge = 1;
    seL4_MessageInfo_t info = keel_recv(ep, &badge);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), 5);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_length(info), 1);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_extraCaps(info), 0);
    KEEL_CHECK_EQ(cap_type(dest), tag_null);
    KEEL_CHECK_EQ(seL4_TCB_Suspend(t), seL4_NoError);
    seL4_SetCapReceivePath(0, 0, 0);
}

namespace {
seL4_CPtr no_grant_cap;
volatile seL4_Word no_grant_returned;
void call_without_grant() {
    raw_call(no_grant_cap, 9);
    no_grant_returned = 1;
    park();
}
}  // namespace

KEEL_TEST(IPCRIGHTS0004, "a Call through a cap with GrantReply alone is answered; with neither grant right the caller stops") {
    start_echo_server();
    seL4_CPtr grant_reply_only = minted(server_ep, seL4_CapRights_new(1, 0, 0, 1));
    seL4_SetMR(0, 41);
    seL4_MessageInfo_t reply = seL4_Call(grant_reply_only, seL4_MessageInfo_new(2, 0, 0, 1));
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(reply), 3);
    KEEL_CHECK_EQ(seL4_GetMR(0), 42);

    no_grant_cap = minted(server_ep, seL4_CanWrite);
    no_grant_returned = 0;
    seL4_Word rounds = server_rounds;
    static ThreadStack stack;
    seL4_CPtr caller = spawn_thread(call_without_grant, stack, 150, true);  // calls; the server answers no one
    KEEL_CHECK_EQ(server_rounds, rounds + 1);
    seL4_Yield();
    KEEL_CHECK_EQ(no_grant_returned, 0);
    KEEL_CHECK_EQ(seL4_TCB_Suspend(caller), seL4_NoError);
}

KEEL_TEST(BIND0001, "BindNotification: one notification per thread and thread per notification, Read needed, no waiters") {
    seL4_CPtr tcb = alloc_object(seL4_TCBObject, 0), other = alloc_object(seL4_TCBObject, 0);
    seL4_CPtr ntfn = alloc_object(seL4_NotificationObject, 0), second = alloc_object(seL4_NotificationObject, 0);
    // seL4 answers a cap that is not a notification with IllegalOperation, not InvalidCapability.
    KEEL_CHECK_EQ(seL4_TCB_BindNotification(tcb, seL4_CapNull), seL4_IllegalOperation);
    KEEL_CHECK_EQ(seL4_TCB_BindNotification(tcb, alloc_object(seL4_EndpointObject, 0)), seL4_IllegalOperation);
    KEEL_CHECK_EQ(seL4_TCB_BindNotification(tcb, minted(ntfn, seL4_CanWrite)), seL4_IllegalOperation);
    KEEL_CHECK_EQ(seL4_TCB_UnbindNotification(tcb), seL4_IllegalOperation);
    KEEL_CHECK_EQ(seL4_TCB_BindNotification(tcb, ntfn), seL4_NoError);
    KEEL_CHECK_EQ(seL4_TCB_BindNotification(tcb, second), seL4_IllegalOperation);
    KEEL_CHECK_EQ(seL4_TCB_BindNotification(other, ntfn), seL4_IllegalOperation);
    KEEL_CHECK_EQ(seL4_TCB_UnbindNotification(tcb), seL4_NoError);
    KEEL_CHECK_EQ(seL4_TCB_UnbindNotification(tcb), seL4_IllegalOperation);
    KEEL_CHECK_EQ(seL4_TCB_BindNotification(other, ntfn), seL4_NoError);
}

KEEL_TEST(BIND0002, "a notification with a waiting thread cannot be bound; one bound elsewhere cannot be waited on") {
    seL4_CPtr busy_ntfn = alloc_object(seL4_NotificationObject, 0);
    receive_target = busy_ntfn;
    static ThreadStack stack;
    KEEL_CHECK_EQ(set_own_priority(100), seL4_NoError);
    seL4_CPtr waiting = spawn_thread(receive_on_target, stack, 150, true);  // blocks in Wait at once
    KEEL_CHECK_EQ(seL4_TCB_BindNotification(alloc_object(seL4_TCBObject, 0), busy_ntfn), seL4_IllegalOperation);
    KEEL_CHECK_EQ(seL4_TCB_Suspend(waiting), seL4_NoError);  // cancels the wait
    seL4_CPtr holder = alloc_object(seL4_TCBObject, 0);
    KEEL_CHECK_EQ(seL4_TCB_BindNotification(holder, busy_ntfn), seL4_NoError);
    expect_receive_cap_fault(busy_ntfn);
    KEEL_CHECK_EQ(seL4_TCB_UnbindNotification(holder), seL4_NoError);
    seL4_Signal(minted(busy_ntfn, seL4_CanWrite, 0x30));
    seL4_Word badge = 0;
    seL4_Poll(busy_ntfn, &badge);  // unbound again: the root may take the signal
    KEEL_CHECK_EQ(badge, 0x30);
}

namespace {
seL4_CPtr sender_cap[2];
volatile seL4_Word send_returned[2];
template <int i>
void send_once() {
    keel_sys_send(seL4_SysSend, sender_cap[i], seL4_MessageInfo_new(i + 1, 0, 0, 0).words[0], 0, 0, 0, 0);
    send_returned[i] = 1;
    park();
}

// Starts sender i (at 150, above the root at 100): it blocks in Send on sender_cap[i].
seL4_CPtr start_sender(int i, void (*body)(), ThreadStack& stack, seL4_CPtr cap) {
    sender_cap[i] = cap;
    send_returned[i] = 0;
    return spawn_thread(body, stack, 150, true);
}
}  // namespace

KEEL_TEST(IPC0006, "deleting an endpoint restarts its blocked sender, whose Send on the now empty slot returns") {
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    static ThreadStack stack;
    KEEL_CHECK_EQ(set_own_priority(100), seL4_NoError);
    seL4_CPtr t = start_sender(0, send_once<0>, stack, ep);
    KEEL_CHECK_EQ(send_returned[0], 0);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, ep, 64), seL4_NoError);
    KEEL_CHECK_EQ(send_returned[0], 1);
    KEEL_CHECK_EQ(seL4_TCB_Suspend(t), seL4_NoError);
}

KEEL_TEST(IPC0007, "CancelBadgedSends restarts the senders of that badge only; other badges stay queued") {
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr badge5 = minted(ep, seL4_AllRights, 5), badge6 = minted(ep, seL4_AllRights, 6);
    seL4_CPtr cancel5 = minted(ep, seL4_AllRights, 5);
    static ThreadStack stacks[2];
    KEEL_CHECK_EQ(set_own_priority(100), seL4_NoError);
    seL4_CPtr first = start_sender(0, send_once<0>, stacks[0], badge5);
    seL4_CPtr second = start_sender(1, send_once<1>, stacks[1], badge6);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, badge5, 64), seL4_NoError);  // not the last cap: the send stays
    KEEL_CHECK_EQ(send_returned[0], 0);
    KEEL_CHECK_EQ(seL4_CNode_CancelBadgedSends(root, cancel5, 64), seL4_NoError);
    KEEL_CHECK_EQ(send_returned[0], 1);
    KEEL_CHECK_EQ(send_returned[1], 0);
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = keel_recv(ep, &badge);
    KEEL_CHECK_EQ(badge, 6);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), 2);
    KEEL_CHECK_EQ(send_returned[1], 1);
    KEEL_CHECK_EQ(seL4_TCB_Suspend(first), seL4_NoError);
    KEEL_CHECK_EQ(seL4_TCB_Suspend(second), seL4_NoError);
}

namespace {
seL4_CPtr suspended_ep;
volatile seL4_Word last_badge;
void receive_forever() {
    for (;;) {
        seL4_Word badge, info, m0, m1, m2, m3;
        keel_sys_recv(seL4_SysRecv, suspended_ep, &badge, &info, &m0, &m1, &m2, &m3);
        last_badge = badge;
    }
}
}  // namespace

KEEL_TEST(IPC0008, "a suspended receiver leaves the endpoint, so NBSend finds no one; resumed, it receives again") {
    suspended_ep = alloc_object(seL4_EndpointObject, 0);
    last_badge = 0;
    static ThreadStack stack;
    KEEL_CHECK_EQ(set_own_priority(100), seL4_NoError);
    seL4_CPtr t = spawn_thread(receive_forever, stack, 150, true);  // blocks in Recv
    KEEL_CHECK_EQ(seL4_TCB_Suspend(t), seL4_NoError);
    seL4_NBSend(minted(suspended_ep, seL4_AllRights, 7), seL4_MessageInfo_new(0, 0, 0, 0));
    KEEL_CHECK_EQ(last_badge, 0);
    KEEL_CHECK_EQ(seL4_TCB_Resume(t), seL4_NoError);  // runs again at once, back in Recv
    seL4_NBSend(minted(suspended_ep, seL4_AllRights, 8), seL4_MessageInfo_new(0, 0, 0, 0));
    KEEL_CHECK_EQ(last_badge, 8);
    KEEL_CHECK_EQ(seL4_TCB_Suspend(t), seL4_NoError);
}
