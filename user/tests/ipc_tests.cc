// IPC, NOTIF, FAULT: endpoints, notifications and fault handlers between threads of the root task.
#include "thread_helpers.h"

using namespace keel;

namespace {

ThreadStack server_stack;
seL4_CPtr server_tcb, server_ep;
volatile seL4_Word server_seen_badge, server_rounds;

seL4_Error set_own_priority(seL4_Word prio) {
    return seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, prio);
}

// Replies to every message with its words reversed and each incremented, label + 1.
void echo_server() {
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = seL4_Recv(server_ep, &badge);
    for (;;) {
        server_seen_badge = badge;
        server_rounds = server_rounds + 1;
        seL4_Word n = seL4_MessageInfo_get_length(info);
        seL4_Word words[seL4_MsgMaxLength];
        for (seL4_Word i = 0; i < n; i++) words[i] = seL4_GetMR(i);
        for (seL4_Word i = 0; i < n; i++) seL4_SetMR(i, words[n - 1 - i] + 1);
        info = seL4_ReplyRecv(server_ep, seL4_MessageInfo_new(seL4_MessageInfo_get_label(info) + 1, 0, 0, n), &badge);
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
    seL4_NBRecv(ep, &badge);
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
    seL4_MessageInfo_t info = seL4_Recv(ep, &badge);
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
    register seL4_Word rdx asm("rdx") = static_cast<seL4_Word>(-99);
    asm volatile("mov %%rsp, %%rbx; syscall; mov %%rbx, %%rsp" : "+r"(rdx) : : "rbx", "rcx", "r11", "memory");
    after_fault = 1;
    asm volatile("ud2");
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
    seL4_MessageInfo_t info = seL4_Recv(ep, &badge);
    KEEL_CHECK_EQ(badge, 0xf1);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_UnknownSyscall);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_length(info), seL4_UnknownSyscall_Length);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_UnknownSyscall_Syscall), static_cast<seL4_Word>(-99));
    seL4_Word ip = seL4_GetMR(seL4_UnknownSyscall_FaultIP);
    KEEL_CHECK(ip > reinterpret_cast<seL4_Word>(unknown_syscall_then_continue));
    KEEL_CHECK_EQ(after_fault, 0);
    seL4_SetMR(seL4_UnknownSyscall_FaultIP, ip + 2);  // skip the syscall instruction
    info = seL4_ReplyRecv(ep, seL4_MessageInfo_new(0, 0, 0, seL4_UnknownSyscall_FaultIP + 1), &badge);

    KEEL_CHECK_EQ(after_fault, 1);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_UserException);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_UserException_Number), 6);  // invalid opcode
    seL4_SetMR(seL4_UserException_FaultIP, seL4_GetMR(seL4_UserException_FaultIP) + 2);  // skip ud2
    seL4_Reply(seL4_MessageInfo_new(0, 0, 0, 3));
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
    seL4_MessageInfo_t info = seL4_Recv(ep, &badge);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_VMFault);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_VMFault_Addr), 0x10);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_VMFault_PrefetchFault), 0);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_VMFault_FSR) & 0x4, 0x4);  // user-mode access
    seL4_Reply(seL4_MessageInfo_new(1, 0, 0, 0));
    seL4_Yield();
    KEEL_CHECK_EQ(reached, 0);
}
