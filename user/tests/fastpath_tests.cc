// IPC (continued): the cases at the edges of the IPC fastpath's conditions. The suite runs on a
// kernel with the fastpath and on one without, so each of these shows both give seL4's result.
#include <keel/arch.h>
#include "thread_helpers.h"

using namespace keel;

namespace {

constexpr seL4_Word caps_unwrapped_bits = 7 << 9;  // seL4_MessageInfo's capsUnwrapped field

ThreadStack server_stack, other_stack;

// What the register-only server below saw: the message words (with the registers beyond the
// message's length as they were before the receive) and its info word.
struct Seen {
    seL4_Word info, mr[4];
};
volatile Seen server_seen;
seL4_CPtr fast_ep;

void save(volatile Seen& s, seL4_Word info, const seL4_Word* mr) {
    s.info = info;
    for (int i = 0; i < 4; i++) s.mr[i] = mr[i];
}

// Receives with 0xa0..0xa3 in the message registers, then replies with two words (0x50, 0x51) and
// capsUnwrapped bits set, 0xb2 and 0xb3 left in the other two registers.
void register_server() {
    seL4_Word badge, info, mr[4] = {0xa0, 0xa1, 0xa2, 0xa3};
    keel_sys_send_recv(seL4_SysRecv, fast_ep, &badge, 0, &info, &mr[0], &mr[1], &mr[2], &mr[3]);
    save(server_seen, info, mr);
    seL4_Word reply = seL4_MessageInfo_new(5, 0, 0, 2).words[0] | caps_unwrapped_bits;
    mr[0] = 0x50;
    mr[1] = 0x51;
    mr[2] = 0xb2;
    mr[3] = 0xb3;
    keel_sys_send_recv(seL4_SysReplyRecv, fast_ep, &badge, reply, &info, &mr[0], &mr[1], &mr[2], &mr[3]);
    park();
}

}  // namespace

KEEL_TEST(IPC0009, "only the message's registers are written: the rest keep their values; capsUnwrapped arrives as 0") {
    set_own_priority(100);
    fast_ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr server = spawn_thread(register_server, server_stack, 200, true);  // now waiting
    seL4_Word badge, info = seL4_MessageInfo_new(3, 0, 0, 1).words[0] | caps_unwrapped_bits;
    seL4_Word mr[4] = {0xc0, 0xc1, 0xc2, 0xc3};
    keel_sys_send_recv(seL4_SysCall, fast_ep, &badge, info, &info, &mr[0], &mr[1], &mr[2], &mr[3]);
    KEEL_CHECK_EQ(server_seen.info, seL4_MessageInfo_new(3, 0, 0, 1).words[0]);
    KEEL_CHECK_EQ(server_seen.mr[0], 0xc0);
    KEEL_CHECK_EQ(server_seen.mr[1], 0xa1);
    KEEL_CHECK_EQ(server_seen.mr[3], 0xa3);
    KEEL_CHECK_EQ(info, seL4_MessageInfo_new(5, 0, 0, 2).words[0]);
    KEEL_CHECK_EQ(badge, 0);
    KEEL_CHECK_EQ(mr[0], 0x50);
    KEEL_CHECK_EQ(mr[1], 0x51);
    KEEL_CHECK_EQ(mr[2], 0xc2);
    KEEL_CHECK_EQ(mr[3], 0xc3);
    seL4_TCB_Suspend(server);
}

namespace {

// The order in which the threads of IPC0010 ran.
char order[4];
volatile int order_length;
void log_run(char c) {
    int n = order_length;
    order[n] = c;
    order_length = n + 1;
}

void low_server() {
    seL4_Word badge, info, m0 = 0, m1 = 0, m2 = 0, m3 = 0;
    keel_sys_recv(seL4_SysRecv, fast_ep, &badge, &info, &m0, &m1, &m2, &m3);
    log_run('S');
    keel_sys_send_recv(seL4_SysReplyRecv, fast_ep, &badge, 0, &info, &m0, &m1, &m2, &m3);
    park();
}

void middle_thread() {
    log_run('M');
    park();
}

}  // namespace

KEEL_TEST(IPC0010, "a Call to a waiting lower-priority server lets a ready thread between them run first") {
    fast_ep = alloc_object(seL4_EndpointObject, 0);
    order_length = 0;
    set_own_priority(40);
    seL4_CPtr server = spawn_thread(low_server, server_stack, 50, true);  // runs now and waits
    KEEL_CHECK_EQ(set_own_priority(150), seL4_NoError);
    seL4_CPtr middle = spawn_thread(middle_thread, other_stack, 100, true);  // ready, not running
    KEEL_CHECK_EQ(order_length, 0);
    raw_call(fast_ep, 0);
    KEEL_CHECK_EQ(order_length, 2);
    KEEL_CHECK_EQ(order[0], 'M');
    KEEL_CHECK_EQ(order[1], 'S');
    seL4_TCB_Suspend(server);
    seL4_TCB_Suspend(middle);
    set_own_priority(100);
}

namespace {

seL4_CPtr bound_ntfn;
volatile seL4_Word bound_seen_badge, bound_seen_info;

// Signals its own bound notification while serving a Call, so its ReplyRecv receives the signal.
void bound_server() {
    seL4_Word badge, info, m0 = 0, m1 = 0, m2 = 0, m3 = 0;
    keel_sys_recv(seL4_SysRecv, fast_ep, &badge, &info, &m0, &m1, &m2, &m3);
    keel_sys_send_null(seL4_SysSend, bound_ntfn, 0);  // seL4_Signal
    keel_sys_send_recv(seL4_SysReplyRecv, fast_ep, &badge, 0, &info, &m0, &m1, &m2, &m3);
    bound_seen_badge = badge;
    bound_seen_info = info;
    park();
}

}  // namespace

KEEL_TEST(IPC0011, "ReplyRecv with its bound notification signalled replies, then returns the notification at once") {
    set_own_priority(100);
    fast_ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr ntfn = alloc_object(seL4_NotificationObject, 0);
    bound_ntfn = alloc_slot();
    KEEL_CHECK_EQ(seL4_CNode_Mint(root, bound_ntfn, 64, root, ntfn, 64, seL4_AllRights, 0x77), seL4_NoError);
    bound_seen_badge = 0;
    seL4_CPtr server = spawn_thread(bound_server, server_stack, 200, false);
    KEEL_CHECK_EQ(seL4_TCB_BindNotification(server, ntfn), seL4_NoError);
    KEEL_CHECK_EQ(seL4_TCB_Resume(server), seL4_NoError);  // now waiting on the endpoint
    KEEL_CHECK_EQ(raw_call(fast_ep, 9), 0);
    KEEL_CHECK_EQ(bound_seen_badge, 0x77);
    seL4_TCB_Suspend(server);
}

namespace {

volatile seL4_Word cut_info, cut_mr3;

// A server without an IPC buffer (spawn_thread gives it none): it sees only the registers.
void bufferless_server() {
    seL4_Word badge, info, m0 = 0, m1 = 0, m2 = 0, m3 = 0;
    keel_sys_recv(seL4_SysRecv, fast_ep, &badge, &info, &m0, &m1, &m2, &m3);
    cut_info = info;
    cut_mr3 = m3;
    keel_sys_send_recv(seL4_SysReplyRecv, fast_ep, &badge, 0, &info, &m0, &m1, &m2, &m3);
    park();
}

}  // namespace

KEEL_TEST(IPC0012, "a 10-word message to a thread without an IPC buffer arrives cut to the four registers") {
    set_own_priority(100);
    fast_ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr server = spawn_thread(bufferless_server, server_stack, 200, true);
    for (int i = 0; i < 10; i++) seL4_SetMR(i, 0x100 + i);
    seL4_MessageInfo_t reply = seL4_Call(fast_ep, seL4_MessageInfo_new(6, 0, 0, 10));
    KEEL_CHECK_EQ(cut_info, seL4_MessageInfo_new(6, 0, 0, 4).words[0]);
    KEEL_CHECK_EQ(cut_mr3, 0x103);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_length(reply), 0);
    seL4_TCB_Suspend(server);
}
