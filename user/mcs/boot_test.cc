// qemu.x86_64.mcs.boot and qemu.riscv64.mcs.boot: an MCS root task on libsel4 alone (the runtime is classic): what seL4
// 16.0.0's MCS boot gives it, scheduling contexts and reply objects from Retype, and a
// Call / Recv / ReplyRecv round trip through a reply object with a server on its own
// scheduling context. One "ok N - ..." or "not ok N - ..." line per check, then DebugHalt.
#include <keel/debug_put.h>
#include "mcs_util.h"

namespace {

using mcs::find_untyped;
using mcs::retype;
using mcs::set_tls;
using mcs::start_thread;

// Thread-local storage blocks (mcs_arch.h says where the thread pointer goes).
alignas(64) seL4_Word root_tls[64];
alignas(64) seL4_Word server_tls[64];
alignas(16) char server_stack[4096];
alignas(16) char faulter_stack[4096];

constexpr auto put = keel::debug_put;
constexpr auto put_number = keel::debug_put_dec;

int checks = 0, failures = 0;

void check(bool ok, const char* what) {
    checks++;
    if (!ok) failures++;
    put(ok ? "ok " : "not ok ");
    put_number(static_cast<seL4_Word>(checks));
    put(" - ");
    put(what);
    put("\n");
}

// Caps the root task makes, in its empty slots.
struct Slots {
    seL4_CPtr sc, reply, ep, tcb, small_sc, ntfn, fault_sc, fault_ep, fault_tcb, fault_reply, badged_ntfn;
};

seL4_CPtr server_ep, server_reply;

// The server: squares the first word of each message, answering through its reply object.
[[noreturn]] void server() {
    set_tls(server_tls);
    seL4_Word badge = 0, mr0 = 0, mr1 = 0, mr2 = 0, mr3 = 0;
    seL4_RecvWithMRs(server_ep, &badge, &mr0, &mr1, &mr2, &mr3, server_reply);
    for (;;) {
        mr0 *= mr0;
        seL4_ReplyRecvWithMRs(server_ep, seL4_MessageInfo_new(0, 0, 0, 1), &badge, &mr0, &mr1, &mr2, &mr3, server_reply);
    }
}

// Writes to an unmapped page: a VM fault for its fault handler.
[[noreturn]] void faulter() {
    *reinterpret_cast<volatile seL4_Word*>(0x10) = 1;
    for (;;) {}
}

void check_boot_info(const seL4_BootInfo* bi) {
    check(bi->schedcontrol.end == bi->schedcontrol.start + 1 && mcs_sched_control_in_place(bi),
          "BootInfo.schedcontrol is one slot, where the architecture's seL4 boot puts it");
    check(seL4_DebugCapIdentify(bi->schedcontrol.start) == 24, "the SchedControl cap has seL4's tag (24)");
    check(seL4_DebugCapIdentify(seL4_CapInitThreadSC) == 22, "seL4_CapInitThreadSC is a scheduling context (tag 22)");
}

void check_retype(seL4_CPtr untyped, const Slots& s) {
    check(retype(untyped, seL4_SchedContextObject, seL4_MinSchedContextBits - 1, s.small_sc) == seL4_InvalidArgument,
          "a scheduling context below seL4_MinSchedContextBits is refused");
    check(retype(untyped, seL4_SchedContextObject, 8, s.sc) == seL4_NoError &&
              seL4_DebugCapIdentify(s.sc) == 22, "Retype makes a scheduling context of 2^8 bytes");
    check(retype(untyped, seL4_ReplyObject, 0, s.reply) == seL4_NoError && seL4_DebugCapIdentify(s.reply) == 8,
          "Retype makes a reply object (reply cap tag 8)");
    check(retype(untyped, seL4_EndpointObject, 0, s.ep) == seL4_NoError &&
              retype(untyped, seL4_TCBObject, 0, s.tcb) == seL4_NoError, "Retype makes an endpoint and a TCB");
}

void check_sched_control(seL4_CPtr sched_control, const Slots& s) {
    check(seL4_SchedControl_ConfigureFlags(sched_control, s.sc, 2000, 1000, 0, 0, 0) == seL4_RangeError,
          "SchedControl_ConfigureFlags refuses a budget above the period");
    check(seL4_SchedControl_ConfigureFlags(sched_control, s.sc, 1000, 1000, 1000, 0, 0) == seL4_RangeError,
          "SchedControl_ConfigureFlags refuses more refills than the object holds");
    check(seL4_SchedControl_ConfigureFlags(sched_control, s.ep, 1000, 1000, 0, 0, 0) == seL4_InvalidCapability,
          "SchedControl_ConfigureFlags refuses what is not a scheduling context");
    check(seL4_SchedControl_ConfigureFlags(sched_control, s.sc, 1000, 10000, 2, 7, 0) == seL4_NoError,
          "SchedControl_ConfigureFlags configures a scheduling context");
    seL4_SchedContext_Consumed_t c = seL4_SchedContext_Consumed(seL4_CapInitThreadSC);
    check(c.error == seL4_NoError && c.consumed == 0, "SchedContext_Consumed answers (no time is counted yet)");
}

void start_server(const Slots& s) {
    server_ep = s.ep;
    server_reply = s.reply;
    check(seL4_TCB_Configure(s.tcb, seL4_CapInitThreadCNode, 0, seL4_CapInitThreadVSpace, 0, 0, seL4_CapNull) ==
              seL4_NoError, "MCS TCB_Configure (no fault endpoint) sets up a thread");
    check(seL4_TCB_SetPriority(s.tcb, seL4_CapInitThreadTCB, seL4_MaxPrio - 1) == seL4_NoError, "TCB_SetPriority");
    start_thread(s.tcb, server, server_stack, sizeof(server_stack));
    check(seL4_SchedContext_Bind(s.sc, seL4_CapInitThreadTCB) == seL4_IllegalOperation,
          "SchedContext_Bind refuses a thread that has one");
    check(seL4_SchedContext_Bind(s.sc, s.tcb) == seL4_NoError, "SchedContext_Bind gives the server its scheduling context");
    check(seL4_SchedContext_Bind(s.sc, s.tcb) == seL4_IllegalOperation, "SchedContext_Bind refuses a bound one");
}

void check_round_trip(const Slots& s) {
    seL4_Word mr0 = 7, mr1 = 0, mr2 = 0, mr3 = 0;
    seL4_CallWithMRs(s.ep, seL4_MessageInfo_new(0, 0, 0, 1), &mr0, &mr1, &mr2, &mr3);
    check(mr0 == 49, "Call to a server in Recv with a reply object: 7 squared is 49");
    mr0 = 12;
    seL4_CallWithMRs(s.ep, seL4_MessageInfo_new(0, 0, 0, 1), &mr0, &mr1, &mr2, &mr3);
    check(mr0 == 144, "Call again, answered by ReplyRecv through the reply object: 12 squared is 144");
    check(seL4_SchedContext_UnbindObject(s.sc, seL4_CapInitThreadTCB) == seL4_IllegalOperation,
          "SchedContext_UnbindObject refuses a thread not bound to it");
    check(seL4_SchedContext_Unbind(s.sc) == seL4_NoError, "SchedContext_Unbind takes the server's scheduling context");
}

void check_notifications(const Slots& s) {
    seL4_Word badge = 1;
    seL4_NBWait(s.ntfn, &badge);
    check(badge == 0, "NBWait on a notification with nothing signalled returns at once");
    seL4_CNode_Mint(seL4_CapInitThreadCNode, s.badged_ntfn, seL4_WordBits, seL4_CapInitThreadCNode, s.ntfn,
                    seL4_WordBits, seL4_AllRights, 5);
    seL4_Signal(s.badged_ntfn);
    seL4_Wait(s.ntfn, &badge);
    check(badge == 5, "Wait receives the signal with its badge (no reply object)");
    badge = 0;
    seL4_NBSendRecv(s.badged_ntfn, seL4_MessageInfo_new(0, 0, 0, 0), s.ntfn, &badge, s.reply);
    check(badge == 5, "NBSendRecv signals its destination (r13), then receives the signal");
    badge = 0;
    seL4_Signal(s.badged_ntfn);
    seL4_NBSendWait(s.reply, seL4_MessageInfo_new(0, 0, 0, 0), s.ntfn, &badge);
    check(badge == 5, "NBSendWait invokes a reply object no caller waits on (nothing happens), then waits");
    check(seL4_SchedContext_Bind(s.sc, s.ntfn) == seL4_NoError, "SchedContext_Bind binds a notification");
    check(seL4_SchedContext_Bind(s.sc, s.ntfn) == seL4_IllegalOperation, "SchedContext_Bind refuses a second one");
    check(seL4_SchedContext_UnbindObject(s.sc, s.badged_ntfn) == seL4_NoError &&
              seL4_SchedContext_UnbindObject(s.sc, s.ntfn) == seL4_IllegalOperation,
          "SchedContext_UnbindObject unbinds the notification, then finds it not bound");
    check(seL4_SchedContext_Bind(s.sc, s.ntfn) == seL4_NoError, "the notification is bound again (its deletion unbinds it)");
}

// A second thread given its fault handler by SetSpace and its scheduling context by
// SetSchedParams faults; its fault handler receives seL4's MCS VMFault label.
void check_fault_handler(seL4_CPtr untyped, seL4_CPtr sched_control, const Slots& s) {
    bool made = retype(untyped, seL4_SchedContextObject, seL4_MinSchedContextBits, s.fault_sc) == seL4_NoError &&
                retype(untyped, seL4_EndpointObject, 0, s.fault_ep) == seL4_NoError &&
                retype(untyped, seL4_TCBObject, 0, s.fault_tcb) == seL4_NoError &&
                retype(untyped, seL4_ReplyObject, 0, s.fault_reply) == seL4_NoError &&
                seL4_SchedControl_ConfigureFlags(sched_control, s.fault_sc, 500, 500, 0, 0, 0) == seL4_NoError;
    check(made, "a second scheduling context, endpoint, TCB and reply object");
    check(seL4_TCB_SetSpace(s.fault_tcb, s.ntfn, seL4_CapInitThreadCNode, 0, seL4_CapInitThreadVSpace, 0) ==
              seL4_InvalidCapability, "MCS TCB_SetSpace refuses a fault handler that is not an endpoint");
    check(seL4_TCB_SetSpace(s.fault_tcb, s.fault_ep, seL4_CapInitThreadCNode, 0, seL4_CapInitThreadVSpace, 0) ==
              seL4_NoError, "MCS TCB_SetSpace takes the fault handler as a cap");
    check(seL4_TCB_SetTimeoutEndpoint(s.fault_tcb, s.ntfn) == seL4_InvalidCapability &&
              seL4_TCB_SetTimeoutEndpoint(s.fault_tcb, s.fault_ep) == seL4_NoError,
          "TCB_SetTimeoutEndpoint takes an endpoint cap, not a notification");
    check(seL4_TCB_SetSchedParams(s.fault_tcb, seL4_CapInitThreadTCB, seL4_MaxPrio - 1, seL4_MaxPrio - 1, s.ep,
                                  s.fault_ep) == seL4_InvalidCapability,
          "MCS TCB_SetSchedParams refuses a scheduling context cap that is not one");
    start_thread(s.fault_tcb, faulter, faulter_stack, sizeof(faulter_stack));
    check(seL4_TCB_SetSchedParams(s.fault_tcb, seL4_CapInitThreadTCB, seL4_MaxPrio - 1, seL4_MaxPrio - 1, s.fault_sc,
                                  s.fault_ep) == seL4_NoError,
          "MCS TCB_SetSchedParams binds a scheduling context and sets the fault handler");
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = seL4_Recv(s.fault_ep, &badge, s.fault_reply);
    check(seL4_MessageInfo_get_label(info) == seL4_Fault_VMFault && seL4_Fault_VMFault == 6 &&
              seL4_GetMR(seL4_VMFault_Addr) == 0x10,
          "the fault handler cap receives the VM fault, label 6 (MCS)");
    check(seL4_CNode_Delete(seL4_CapInitThreadCNode, s.fault_tcb, seL4_WordBits) == seL4_NoError &&
              seL4_SchedContext_Bind(s.fault_sc, s.tcb) == seL4_NoError,
          "deleting a thread unbinds its scheduling context, which can be bound again");
}

void delete_objects(const Slots& s) {
    check(seL4_CNode_Delete(seL4_CapInitThreadCNode, s.reply, seL4_WordBits) == seL4_NoError &&
              seL4_CNode_Delete(seL4_CapInitThreadCNode, s.sc, seL4_WordBits) == seL4_NoError,
          "the reply object and the scheduling context are deleted");
}

}  // namespace

extern "C" [[noreturn]] void mcs_boot_main(seL4_BootInfo* bi) {
    set_tls(root_tls);
    seL4_SetIPCBuffer(bi->ipcBuffer);
    put("MCS boot test\n");
    check_boot_info(bi);
    seL4_CPtr next = bi->empty.start;
    Slots s{next, next + 1, next + 2, next + 3, next + 4, next + 5, next + 6, next + 7, next + 8, next + 9, next + 10};
    seL4_CPtr untyped = find_untyped(bi, 16);
    check_retype(untyped, s);
    check_sched_control(bi->schedcontrol.start, s);
    start_server(s);
    check_round_trip(s);
    check(retype(untyped, seL4_NotificationObject, 0, s.ntfn) == seL4_NoError, "Retype makes a notification");
    check_notifications(s);
    check_fault_handler(untyped, bi->schedcontrol.start, s);
    delete_objects(s);
    put("# mcs boot: ");
    put_number(static_cast<seL4_Word>(checks));
    put(" checks, ");
    put_number(static_cast<seL4_Word>(failures));
    put(" failed\n");
    seL4_DebugHalt();
    for (;;) {}
}
