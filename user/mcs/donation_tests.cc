// qemu.<arch>.mcs.IPC10xx: scheduling-context donation on an MCS kernel, as seL4 16.0.0 does it.
// Passive servers (threads without a scheduling context) serve Calls on their clients' contexts,
// through chains; replies give the contexts back; notifications lend theirs; deleting a reply
// object, a server or a context mid-call, or reusing a reply object, leaves what seL4 leaves. A
// root task on libsel4 alone, TAP output (one line per test, named as the CTest test). Whose
// context a thread runs on is seen from outside: SchedContext_Bind of a spare context to a
// thread fails (IllegalOperation) exactly when the thread has one. The checked kernel checks
// its donation invariants after every entry.
#include "mcs_test.h"

namespace {

using mcs::put;
using mcs::put_number;
constexpr seL4_Word worker_prio = 100;
constexpr seL4_Word stack_size = 4096;

alignas(64) seL4_Word root_tls[64];
alignas(16) char stacks[8][stack_size];

// What the root task holds for every test.
struct Root {
    seL4_CPtr untyped, sched_control, next_slot;
    seL4_CPtr probe_sc;  // bound and unbound at once to see whether a thread has a context
    seL4_CPtr start_sc;  // runs a thread to its first wait, then taken away
    seL4_CPtr probe_tcb; // a thread that never runs, for binding contexts to
} root;

// The slots a test made, deleted when it ends (newest first).
seL4_CPtr test_slots[64];
unsigned test_slot_count, test_stack_count;
bool test_ok;

void expect(bool ok, const char* what) {
    if (ok) return;
    test_ok = false;
    put("# failed: ");
    put(what);
    put("\n");
}

seL4_CPtr make(seL4_Word type, seL4_Word size_bits = 0) {
    seL4_CPtr slot = root.next_slot++;
    expect(mcs::retype(root.untyped, type, size_bits, slot) == seL4_NoError, "Retype");
    test_slots[test_slot_count++] = slot;
    return slot;
}

seL4_CPtr make_configured_sc() {
    seL4_CPtr sc = make(seL4_SchedContextObject, seL4_MinSchedContextBits);
    expect(seL4_SchedControl_ConfigureFlags(root.sched_control, sc, 1000, 1000, 0, 0, 0) == seL4_NoError,
           "SchedControl_ConfigureFlags");
    return sc;
}

bool deleted(seL4_CPtr slot) { return seL4_CNode_Delete(seL4_CapInitThreadCNode, slot, seL4_WordBits) == seL4_NoError; }

// Whether `tcb` has a scheduling context, bound or donated (the probe is given back at once).
bool has_sc(seL4_CPtr tcb) {
    seL4_Error e = seL4_SchedContext_Bind(root.probe_sc, tcb);
    if (e == seL4_NoError) seL4_SchedContext_Unbind(root.probe_sc);
    return e != seL4_NoError;
}

// Every other thread runs until it blocks or has no context left: the root task steps below them.
void settle() {
    seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 0);
    seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, seL4_MaxPrio);
}

// A thread of the root task's spaces at worker_prio, started at `entry`, bound to `sc` if any.
seL4_CPtr make_thread(void (*entry)(), seL4_CPtr sc) {
    seL4_CPtr tcb = make(seL4_TCBObject);
    expect(seL4_TCB_Configure(tcb, seL4_CapInitThreadCNode, 0, seL4_CapInitThreadVSpace, 0, 0, seL4_CapNull) ==
               seL4_NoError, "TCB_Configure");
    expect(seL4_TCB_SetPriority(tcb, seL4_CapInitThreadTCB, worker_prio) == seL4_NoError, "TCB_SetPriority");
    mcs::start_thread(tcb, entry, stacks[test_stack_count++], stack_size);
    if (sc) expect(seL4_SchedContext_Bind(sc, tcb) == seL4_NoError, "SchedContext_Bind");
    return tcb;
}

// A thread that runs to its first wait on a borrowed context, then waits passive.
seL4_CPtr make_passive_thread(void (*entry)()) {
    seL4_CPtr tcb = make_thread(entry, root.start_sc);
    settle();
    expect(seL4_SchedContext_Unbind(root.start_sc) == seL4_NoError && !has_sc(tcb), "the thread waits passive");
    return tcb;
}

// The order things happened in, one letter each.
char events[32];
unsigned event_count;
void event(char c) {
    if (event_count < sizeof(events) - 1) events[event_count++] = c;
}
bool events_are(const char* s) {
    unsigned i = 0;
    for (; s[i]; i++) {
        if (i >= event_count || events[i] != s[i]) return false;
    }
    return i == event_count;
}

const seL4_MessageInfo_t one_word = seL4_MessageInfo_new(0, 0, 0, 1);

// A server: receives on `ep` with `reply`; optionally waits on `park` first (holding the
// context it was given), calls `next` (a chain), or answers with Send on the reply object; then
// answers mr0 * 10 + id and receives again (ReplyRecv).
struct Server {
    seL4_CPtr ep, reply, park, next;
    bool reply_by_send;
    char id;
    seL4_Word served, after_send;
};
Server server_a, server_b;

[[noreturn]] void serve(Server& s) {
    seL4_Word badge = 0, mr0 = 0, mr1 = 0, mr2 = 0, mr3 = 0;
    seL4_RecvWithMRs(s.ep, &badge, &mr0, &mr1, &mr2, &mr3, s.reply);
    for (;;) {
        s.served++;
        event(static_cast<char>('a' + s.id - 1));
        if (s.park) seL4_WaitWithMRs(s.park, &badge, nullptr, nullptr, nullptr, nullptr);
        if (s.next) seL4_CallWithMRs(s.next, one_word, &mr0, &mr1, &mr2, &mr3);
        mr0 = mr0 * 10 + static_cast<seL4_Word>(s.id);
        event(static_cast<char>('A' + s.id - 1));
        if (s.reply_by_send) {
            seL4_SendWithMRs(s.reply, one_word, &mr0, &mr1, &mr2, &mr3);
            s.after_send++;
        }
        seL4_ReplyRecvWithMRs(s.ep, one_word, &badge, &mr0, &mr1, &mr2, &mr3, s.reply);
    }
}
[[noreturn]] void server_a_main() { serve(server_a); }
[[noreturn]] void server_b_main() { serve(server_b); }

// A client on its own context: each signal on `go` makes one Call of `input` to `ep`.
struct Client {
    seL4_CPtr ep, go;
    seL4_Word input;
    seL4_Word output, answers;
} client;

[[noreturn]] void client_main() {
    for (;;) {
        seL4_WaitWithMRs(client.go, nullptr, nullptr, nullptr, nullptr, nullptr);
        seL4_Word mr0 = client.input, mr1 = 0, mr2 = 0, mr3 = 0;
        event('C');
        seL4_CallWithMRs(client.ep, one_word, &mr0, &mr1, &mr2, &mr3);
        client.output = mr0;
        client.answers++;
        event('c');
    }
}

// A passive thread waiting on a notification, then (holding what it was lent) on `park`.
struct Waiter {
    seL4_CPtr ntfn, park;
    seL4_Word woken, badge;
} waiter;

[[noreturn]] void waiter_main() {
    for (;;) {
        seL4_Word badge = 0;
        seL4_WaitWithMRs(waiter.ntfn, &badge, nullptr, nullptr, nullptr, nullptr);
        waiter.woken++;
        waiter.badge = badge;
        seL4_WaitWithMRs(waiter.park, nullptr, nullptr, nullptr, nullptr, nullptr);
    }
}

// A thread that sends to `dest` and receives on `src` in one NBSendRecv, then waits there.
struct Sender {
    seL4_CPtr dest, src, reply;
} sender;

[[noreturn]] void sender_main() {
    seL4_Word badge = 0, mr0 = 3, mr1 = 0, mr2 = 0, mr3 = 0;
    seL4_NBSendRecvWithMRs(sender.dest, one_word, sender.src, &badge, &mr0, &mr1, &mr2, &mr3, sender.reply);
    for (;;) seL4_RecvWithMRs(sender.src, &badge, &mr0, &mr1, &mr2, &mr3, sender.reply);
}

// A thread that receives with `bad_reply` in the reply register.
seL4_CPtr bad_receiver_ep, bad_reply;
[[noreturn]] void bad_receiver_main() {
    seL4_Word badge = 0;
    seL4_RecvWithMRs(bad_receiver_ep, &badge, nullptr, nullptr, nullptr, nullptr, bad_reply);
    for (;;) {}
}

// Server A (passive) on a new endpoint and reply object, parking on a notification when asked.
seL4_CPtr start_server(Server& s, void (*entry)(), char id, bool park) {
    s = Server{};
    s.id = id;
    s.ep = make(seL4_EndpointObject);
    s.reply = make(seL4_ReplyObject);
    s.park = park ? make(seL4_NotificationObject) : seL4_CapNull;
    return make_passive_thread(entry);
}

// A client with its own context, calling `ep`.
seL4_CPtr start_client(seL4_CPtr ep, seL4_CPtr sc) {
    client = Client{};
    client.ep = ep;
    client.go = make(seL4_NotificationObject);
    seL4_CPtr tcb = make_thread(client_main, sc);
    settle();
    return tcb;
}

void call_from_client(seL4_Word input) {
    client.input = input;
    seL4_Signal(client.go);
    settle();
}

bool invalid_cap(seL4_CPtr slot) {
    seL4_SetMR(0, 0);
    return seL4_MessageInfo_get_label(seL4_Call(slot, seL4_MessageInfo_new(0, 0, 0, 0))) == seL4_InvalidCapability;
}

// A client on its own context calls `input` to passive server A, which parks holding the
// client's context.
struct ParkedCall {
    seL4_CPtr a, csc, c;
};
ParkedCall call_parked_server(seL4_Word input) {
    ParkedCall t;
    t.a = start_server(server_a, server_a_main, 1, true);
    t.csc = make_configured_sc();
    t.c = start_client(server_a.ep, t.csc);
    call_from_client(input);
    return t;
}

void passive_server_runs_on_the_clients_context() {
    auto [a, csc, c] = call_parked_server(7);
    expect(server_a.served == 1, "the passive server received the Call");
    expect(has_sc(a) && !has_sc(c), "mid-call the server has a context and the client none");
    expect(seL4_SchedContext_UnbindObject(csc, c) == seL4_IllegalOperation, "the client's context is not bound to it");
    expect(seL4_SchedContext_Bind(csc, root.probe_tcb) == seL4_IllegalOperation, "the client's context is in use");
    seL4_Signal(server_a.park);
    settle();
    expect(client.answers == 1 && client.output == 71, "the server answered 7 * 10 + 1");
    expect(!has_sc(a) && has_sc(c), "after ReplyRecv the context is back with the client, the server passive");
    seL4_Word mr0 = 4, mr1 = 0, mr2 = 0, mr3 = 0;
    seL4_Signal(server_a.park);
    seL4_CallWithMRs(server_a.ep, one_word, &mr0, &mr1, &mr2, &mr3);
    expect(mr0 == 41 && !has_sc(a), "the root task's own Call is served on its context, which comes back");
}

// Client -> server A -> server B, both passive (B parking when asked), the call of 1 made.
struct Chain {
    seL4_CPtr a, b, c;
};
Chain call_through_chain(bool park_b) {
    Chain t;
    t.b = start_server(server_b, server_b_main, 2, park_b);
    t.a = start_server(server_a, server_a_main, 1, false);
    server_a.next = server_b.ep;
    t.c = start_client(server_a.ep, make_configured_sc());
    event_count = 0;
    call_from_client(1);
    return t;
}

void donation_chain_two_deep() {
    auto [a, b, c] = call_through_chain(false);
    expect(client.answers == 1 && client.output == 121, "client -> A -> B: (1 * 10 + 2) * 10 + 1");
    expect(events_are("CabBAc"), "the chain ran in call order and unwound in reply order");
    expect(!has_sc(a) && !has_sc(b) && has_sc(c), "both servers passive again, the client has its context");
    call_from_client(2);
    expect(client.answers == 2 && client.output == 221, "the chain serves a second call");
}

void reply_by_send_leaves_server_without_context() {
    seL4_CPtr a = start_server(server_a, server_a_main, 1, false);
    server_a.reply_by_send = true;
    seL4_CPtr c = start_client(server_a.ep, make_configured_sc());
    call_from_client(3);
    expect(client.answers == 1 && client.output == 31, "Send on the reply object answers the client");
    expect(server_a.after_send == 0 && !has_sc(a) && has_sc(c),
           "the reply took the context back: the server stops right after its Send");
    expect(seL4_SchedContext_Bind(root.probe_sc, a) == seL4_NoError, "a context bound to the server");
    settle();
    expect(server_a.after_send == 1, "the server runs again once it has a context");
    expect(seL4_SchedContext_Unbind(root.probe_sc) == seL4_NoError && !has_sc(a), "and waits passive without it");
}

void reply_object_reused_while_its_caller_waits() {
    auto [a, csc, c] = call_parked_server(5);
    seL4_CPtr idle_ep = make(seL4_EndpointObject);
    seL4_Word badge = 0;
    seL4_NBRecv(idle_ep, &badge, server_a.reply);
    expect(has_sc(a) && !has_sc(c), "Recv with a reply object a caller waits on cancels the caller; the context stays");
    seL4_Signal(server_a.park);
    settle();
    expect(client.answers == 0 && server_a.served == 1, "the cancelled caller never gets the answer");
    expect(has_sc(a), "the server keeps the context it was given (seL4's reply_remove_tcb)");
}

void reply_object_deleted_mid_call() {
    auto [a, csc, c] = call_parked_server(6);
    expect(has_sc(a) && !has_sc(c), "mid-call the server has the client's context");
    expect(deleted(server_a.reply), "the reply object is deleted");
    expect(!has_sc(a) && has_sc(c), "its call popped: the context is back with the client");
    seL4_Signal(server_a.park);
    settle();
    expect(server_a.served == 1 && client.answers == 0, "the server cannot run on; the client is not answered");
    expect(invalid_cap(server_a.reply), "the deleted reply cap is gone");
}

void server_deleted_mid_call() {
    auto [a, csc, c] = call_parked_server(8);
    expect(deleted(a), "the server's TCB is deleted mid-call");
    expect(!has_sc(c) && seL4_SchedContext_Bind(csc, root.probe_tcb) == seL4_NoError &&
               seL4_SchedContext_UnbindObject(csc, root.probe_tcb) == seL4_NoError,
           "the client's context is free; the client still has none");
    expect(deleted(server_a.reply) && has_sc(c), "deleting the reply object pops the call: the context is back");
    expect(client.answers == 0 && invalid_cap(a), "the client is not answered; the server's cap is gone");
}

void sched_context_deleted_mid_call() {
    auto [a, csc, c] = call_parked_server(9);
    expect(deleted(csc), "the client's context is deleted mid-call");
    expect(!has_sc(a) && !has_sc(c), "neither server nor client has a context");
    seL4_Signal(server_a.park);
    settle();
    expect(server_a.served == 1 && client.answers == 0, "the server cannot run on");
    expect(deleted(server_a.reply) && !has_sc(c) && client.answers == 0, "the reply object goes, nothing comes back");
    expect(seL4_SchedContext_Bind(csc, root.probe_tcb) == seL4_InvalidCapability, "the deleted context cap is gone");
}

void reply_object_deleted_mid_chain() {
    auto [a, b, c] = call_through_chain(true);
    expect(has_sc(b) && !has_sc(a) && !has_sc(c), "client -> A -> B: B runs on the client's context");
    expect(deleted(server_a.reply), "A's reply object (the client's call, mid-stack) is deleted");
    seL4_Signal(server_b.park);
    settle();
    expect(events_are("CabBA"), "B answers A, which runs on the context B gave back");
    expect(has_sc(a) && !has_sc(b) && !has_sc(c) && client.answers == 0,
           "the stack was cut below A: the context stops at A, the client is not answered");
}

void endpoints_deleted_around_a_call() {
    seL4_CPtr b = start_server(server_b, server_b_main, 2, false);
    auto [a, csc, c] = call_parked_server(10);
    expect(deleted(server_b.ep), "the endpoint a passive server waits on is deleted");
    expect(!has_sc(b) && server_b.served == 0, "that server restarts without a context: it cannot run");
    expect(deleted(server_a.ep), "the endpoint of the server holding the call is deleted");
    seL4_Signal(server_a.park);
    settle();
    expect(client.answers == 1 && client.output == 101, "the call in progress is still answered");
    expect(has_sc(c) && !has_sc(a), "and the client has its context back");
}

void sends_donate_only_from_a_first_phase() {
    seL4_CPtr a = start_server(server_a, server_a_main, 1, false);
    seL4_SetMR(0, 2);
    seL4_Send(server_a.ep, one_word);
    settle();
    expect(server_a.served == 0 && !has_sc(a), "Send wakes a passive receiver without giving it a context");
    expect(deleted(a), "that server is deleted");
    a = start_server(server_a, server_a_main, 1, false);
    sender = Sender{server_a.ep, make(seL4_EndpointObject), make(seL4_ReplyObject)};
    seL4_CPtr s = make_thread(sender_main, make_configured_sc());
    settle();
    expect(server_a.served == 1 && has_sc(a) && !has_sc(s),
           "NBSendRecv gives a passive receiver the sender's context, which it keeps");
}

// Passive server A, parking, is the fault handler of a thread on its own context whose Recv
// raises a cap fault: the fault gives A the faulter's context, and A parks holding it.
struct Faulted {
    seL4_CPtr handler, faulter;
};
Faulted fault_to_passive_handler() {
    Faulted t;
    t.handler = start_server(server_a, server_a_main, 1, true);
    bad_receiver_ep = root.next_slot + 8;  // empty: the Recv raises a cap fault
    t.faulter = make_thread(bad_receiver_main, seL4_CapNull);
    expect(seL4_TCB_SetSpace(t.faulter, server_a.ep, seL4_CapInitThreadCNode, 0, seL4_CapInitThreadVSpace, 0) ==
               seL4_NoError, "the passive server is the thread's fault handler");
    expect(seL4_SchedContext_Bind(make_configured_sc(), t.faulter) == seL4_NoError, "the thread gets a context");
    settle();
    expect(server_a.served == 1 && has_sc(t.handler) && !has_sc(t.faulter),
           "the fault gives the handler the faulter's context");
    return t;
}

void fault_donates_to_a_passive_handler() {
    auto [h, f] = fault_to_passive_handler();
    expect(deleted(f) && has_sc(h), "deleting the faulter leaves the context with the handler");
}

void bound_notification_lends_to_a_passive_server() {
    seL4_CPtr a = start_server(server_a, server_a_main, 1, false);
    seL4_CPtr ntfn = make(seL4_NotificationObject);
    expect(seL4_TCB_BindNotification(a, ntfn) == seL4_NoError &&
               seL4_SchedContext_Bind(make_configured_sc(), ntfn) == seL4_NoError,
           "the passive server's bound notification has a context");
    seL4_Signal(ntfn);
    settle();
    expect(server_a.served == 1, "a signal wakes the server from its Recv on the notification's context");
    expect(!has_sc(a), "its next Recv gives the context back: it waits passive");
    seL4_CPtr c = start_client(server_a.ep, make_configured_sc());
    call_from_client(4);
    expect(client.answers == 1 && client.output == 41 && has_sc(c) && !has_sc(a), "and serves Calls on its callers'");
}

// Servers A and B, their endpoints and reply objects made from an untyped of their own, which is
// revoked while B holds the client's context: every object of the chain goes at once.
void chain_revoked_mid_call() {
    seL4_CPtr parent = root.untyped, pool = make(seL4_UntypedObject, 16);
    root.untyped = pool;
    seL4_CPtr b = start_server(server_b, server_b_main, 2, true);
    seL4_CPtr a = start_server(server_a, server_a_main, 1, false);
    root.untyped = parent;
    server_a.next = server_b.ep;
    seL4_CPtr csc = make_configured_sc();
    seL4_CPtr c = start_client(server_a.ep, csc);
    call_from_client(1);
    expect(has_sc(b) && !has_sc(c), "client -> A -> B: B runs on the client's context");
    expect(seL4_CNode_Revoke(seL4_CapInitThreadCNode, pool, seL4_WordBits) == seL4_NoError, "the pool is revoked");
    expect(invalid_cap(a) && invalid_cap(b) && invalid_cap(server_a.ep), "the servers and their endpoint are gone");
    expect(client.answers == 0 && (has_sc(c) || seL4_SchedContext_Bind(csc, root.probe_tcb) == seL4_NoError),
           "the client is not answered; its context is free or back with it");
    root.untyped = pool;
    make(seL4_TCBObject);  // the pool's memory can be retyped again
    root.untyped = parent;
}

void caller_suspended_mid_call() {
    auto [a, csc, c] = call_parked_server(11);
    expect(seL4_TCB_Suspend(c) == seL4_NoError, "the waiting client is suspended");
    expect(has_sc(a) && !has_sc(c), "its call is removed without the context coming back (reply_remove_tcb)");
    seL4_Signal(server_a.park);
    settle();
    expect(server_a.served == 1 && client.answers == 0 && has_sc(a),
           "the server's reply reaches nobody; it keeps the context and waits for the next call");
    expect(seL4_TCB_Resume(c) == seL4_NoError && !has_sc(c), "resumed, the client has no context to run on");
}

void notification_lends_its_context() {
    waiter = Waiter{};
    waiter.ntfn = make(seL4_NotificationObject);
    waiter.park = make(seL4_NotificationObject);
    seL4_CPtr w = make_passive_thread(waiter_main);
    seL4_CPtr nsc = make_configured_sc();
    expect(seL4_SchedContext_Bind(nsc, waiter.ntfn) == seL4_NoError, "a context bound to the notification");
    seL4_Signal(waiter.ntfn);
    settle();
    expect(waiter.woken == 1 && has_sc(w), "the signal lends the notification's context to the waiter");
    seL4_Signal(waiter.park);
    settle();
    expect(!has_sc(w), "waiting on the notification again gives the context back");
    seL4_Signal(waiter.ntfn);
    settle();
    expect(waiter.woken == 2, "the next signal lends it again");
}

// A signal that reaches the parked server's bound notification while it serves a call is taken by
// its next Recv, after the reply gave the client's context back: on the notification's context
// (seL4's completeSignal lends it), given back at the Recv after.
void pending_signal_lends_on_recv() {
    auto [a, csc, c] = call_parked_server(7);
    seL4_CPtr ntfn = make(seL4_NotificationObject);
    expect(seL4_TCB_BindNotification(a, ntfn) == seL4_NoError &&
               seL4_SchedContext_Bind(make_configured_sc(), ntfn) == seL4_NoError,
           "the parked server's bound notification has a context");
    seL4_Signal(ntfn);
    seL4_Signal(server_a.park);
    settle();
    expect(client.answers == 1 && client.output == 71 && has_sc(c), "the server answered the call");
    expect(server_a.served == 2 && has_sc(a), "its next Recv took the pending signal, on the notification's context");
    seL4_Signal(server_a.park);
    settle();
    expect(!has_sc(a), "the Recv after gives the notification's context back");
}

// Recv naming in its reply register a cap that is not a reply cap: a cap fault in the receive
// phase, MissingCapability, for the thread's fault handler.
bool recv_phase_cap_fault(seL4_CPtr reply_cptr) {
    seL4_CPtr fault_ep = make(seL4_EndpointObject);
    bad_receiver_ep = make(seL4_EndpointObject);
    bad_reply = reply_cptr;
    seL4_CPtr g = make_thread(bad_receiver_main, seL4_CapNull);
    expect(seL4_TCB_SetSpace(g, fault_ep, seL4_CapInitThreadCNode, 0, seL4_CapInitThreadVSpace, 0) == seL4_NoError,
           "TCB_SetSpace");
    seL4_CPtr handler_reply = make(seL4_ReplyObject);
    expect(seL4_SchedContext_Bind(make_configured_sc(), g) == seL4_NoError, "the thread gets a context");
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = seL4_Recv(fault_ep, &badge, handler_reply);
    return seL4_MessageInfo_get_label(info) == seL4_Fault_CapFault && seL4_GetMR(seL4_CapFault_Addr) == reply_cptr &&
           seL4_GetMR(seL4_CapFault_InRecvPhase) == 1 &&
           seL4_GetMR(seL4_CapFault_LookupFailureType) == seL4_MissingCapability;
}

void recv_with_garbage_reply_caps() {
    seL4_CPtr ep = make(seL4_EndpointObject);
    expect(recv_phase_cap_fault(ep), "an endpoint cap as the reply cap: a receive-phase cap fault");
    expect(recv_phase_cap_fault(root.next_slot + 8), "an empty slot as the reply cap: a receive-phase cap fault");
    expect(recv_phase_cap_fault(seL4_CapInitThreadSC), "a scheduling context cap as the reply cap: the same");
}

// --- What the MCS fastpath leaves to the slow path ---------------------------------------------
// Each test below makes a Call or ReplyRecv the fastpath must not take, with a passive server,
// and checks what the slow path does: qemu.<arch>.mcs.* runs it on the kernel with the fastpath,
// qemu.<arch>.mcs.slowpath.* on the kernel without, so the two kernels must agree.

// A thread on its own context: each signal on `go` makes it note 'm' (a bystander that is ready
// when the priorities say it runs first).
seL4_CPtr bystander_go;
[[noreturn]] void bystander_main() {
    for (;;) {
        seL4_WaitWithMRs(bystander_go, nullptr, nullptr, nullptr, nullptr, nullptr);
        event('m');
    }
}

seL4_CPtr start_bystander(seL4_Word prio) {
    bystander_go = make(seL4_NotificationObject);
    seL4_CPtr m = make_thread(bystander_main, make_configured_sc());
    expect(seL4_TCB_SetPriority(m, seL4_CapInitThreadTCB, prio) == seL4_NoError, "the bystander's priority");
    settle();
    return m;
}

void set_priority(seL4_CPtr tcb, seL4_Word prio) {
    expect(seL4_TCB_SetPriority(tcb, seL4_CapInitThreadTCB, prio) == seL4_NoError, "TCB_SetPriority");
}

// A passive thread waiting in seL4_Wait on `ep` (no reply object), noting what it receives.
struct EpWaiter {
    seL4_CPtr ep;
    seL4_Word received, mr0;
} ep_waiter;

[[noreturn]] void ep_waiter_main() {
    for (;;) {
        seL4_Word badge = 0, mr0 = 0;
        seL4_WaitWithMRs(ep_waiter.ep, &badge, &mr0, nullptr, nullptr, nullptr);
        ep_waiter.received++;
        ep_waiter.mr0 = mr0;
    }
}

// A Call to a passive receiver in seL4_Wait: with no reply object to wait on, the caller becomes
// Inactive and lends nothing (seL4's sendIPC); the receiver has the message but nothing to run on.
void call_to_passive_wait() {
    ep_waiter = EpWaiter{};
    ep_waiter.ep = make(seL4_EndpointObject);
    seL4_CPtr w = make_passive_thread(ep_waiter_main);
    seL4_CPtr c = start_client(ep_waiter.ep, make_configured_sc());
    call_from_client(6);
    expect(client.answers == 0 && has_sc(c) && !has_sc(w), "the caller keeps its context and waits for nothing");
    expect(ep_waiter.received == 0, "the receiver cannot run");
    expect(seL4_SchedContext_Bind(root.probe_sc, w) == seL4_NoError, "a context bound to the receiver");
    settle();
    expect(ep_waiter.received == 1 && ep_waiter.mr0 == 6, "it ran with the Call's message");
    expect(seL4_SchedContext_Unbind(root.probe_sc) == seL4_NoError, "SchedContext_Unbind");
    seL4_Signal(client.go);
    settle();
    expect(client.answers == 0, "the Inactive caller never runs again");
}

// A Call on an endpoint cap without Grant or GrantReply to a passive server waiting with a reply
// object: the caller becomes Inactive and lends nothing (seL4's sendIPC).
void call_without_grant_to_passive_server() {
    seL4_CPtr a = start_server(server_a, server_a_main, 1, false);
    seL4_CPtr no_grant = root.next_slot++;
    expect(seL4_CNode_Mint(seL4_CapInitThreadCNode, no_grant, seL4_WordBits, seL4_CapInitThreadCNode, server_a.ep,
                           seL4_WordBits, seL4_CapRights_new(0, 0, 1, 1), 0) == seL4_NoError,
           "an endpoint cap with Read and Write only");
    test_slots[test_slot_count++] = no_grant;
    seL4_CPtr c = start_client(no_grant, make_configured_sc());
    call_from_client(2);
    expect(client.answers == 0 && server_a.served == 0, "nothing runs: the server has no context");
    expect(has_sc(c) && !has_sc(a), "the caller keeps its context");
    expect(seL4_SchedContext_Bind(root.probe_sc, a) == seL4_NoError, "a context bound to the server");
    settle();
    expect(server_a.served == 1 && client.answers == 0, "the server got the Call; its reply reaches nobody");
    expect(seL4_SchedContext_Unbind(root.probe_sc) == seL4_NoError, "SchedContext_Unbind");
}

// IPC0010 with a passive server: a client (100) Calls a server of lower priority (50) while a
// bystander (80) is ready; the Call lends the client's context, and the bystander runs first.
void call_lets_ready_thread_run_first() {
    seL4_CPtr a = start_server(server_a, server_a_main, 1, false);
    set_priority(a, 50);
    start_bystander(80);
    start_client(server_a.ep, make_configured_sc());
    event_count = 0;
    client.input = 3;
    seL4_Signal(bystander_go);
    seL4_Signal(client.go);
    settle();
    expect(events_are("CmaAc"), "client, bystander, server, client");
    expect(client.answers == 1 && client.output == 31, "the Call is answered");
}

// A passive server (100) answers a client of lower priority (50) by ReplyRecv while a bystander
// (80) is ready: the client gets its context back and runs after the bystander.
void reply_lets_ready_thread_run_first() {
    auto [a, csc, c] = call_parked_server(4);
    set_priority(c, 50);
    start_bystander(80);
    event_count = 0;
    seL4_Signal(bystander_go);
    seL4_Signal(server_a.park);
    settle();
    expect(events_are("Amc"), "server, bystander, client");
    expect(client.answers == 1 && client.output == 41 && has_sc(c) && !has_sc(a), "the context is back");
}

// A signal reaches the passive server's bound notification (without a context) while it serves a
// call: its ReplyRecv answers, gives the context back, and takes the signal with nothing to run on.
void reply_recv_with_bound_notification_active() {
    auto [a, csc, c] = call_parked_server(5);
    seL4_CPtr ntfn = make(seL4_NotificationObject);
    expect(seL4_TCB_BindNotification(a, ntfn) == seL4_NoError, "TCB_BindNotification");
    seL4_Signal(ntfn);
    seL4_Signal(server_a.park);
    settle();
    expect(client.answers == 1 && client.output == 51 && has_sc(c) && !has_sc(a), "the call answered, the context back");
    expect(server_a.served == 1, "the server took the signal but has no context to run on");
    expect(seL4_SchedContext_Bind(root.probe_sc, a) == seL4_NoError, "a context bound to the server");
    settle();
    expect(server_a.served == 2, "given one, it runs on from the signal");
    expect(seL4_SchedContext_Unbind(root.probe_sc) == seL4_NoError, "SchedContext_Unbind");
}

// Client -> A -> B, B holding the client's context; B answers by ReplyRecv through A's reply
// object (the client's call, below the head of the stack): the client is woken without the
// context (seL4's reply_remove cuts the stack), which stays with B; A still waits on B.
void reply_recv_below_the_head() {
    auto [a, b, c] = call_through_chain(true);
    expect(has_sc(b) && !has_sc(a) && !has_sc(c), "client -> A -> B: B runs on the client's context");
    server_b.reply = server_a.reply;
    seL4_Signal(server_b.park);
    settle();
    expect(client.answers == 0 && has_sc(b) && !has_sc(c) && !has_sc(a),
           "the client woke without a context; B keeps it");
    expect(seL4_SchedContext_Bind(root.probe_sc, c) == seL4_NoError, "a context bound to the client");
    settle();
    expect(client.answers == 1 && client.output == 12, "the client has B's answer (1 * 10 + 2)");
    expect(seL4_SchedContext_Unbind(root.probe_sc) == seL4_NoError, "SchedContext_Unbind");
}

// The parked passive server answers by ReplyRecv with `reply_cptr` in its reply register, naming
// no reply cap: nothing is answered (the send phase invokes the cap or finds nothing), and the
// receive phase raises a cap fault for the server's fault handler, the root task.
bool reply_recv_naming_no_reply(seL4_CPtr reply_cptr) {
    auto [a, csc, c] = call_parked_server(7);
    seL4_CPtr fault_ep = make(seL4_EndpointObject), handler_reply = make(seL4_ReplyObject);
    expect(seL4_TCB_SetSpace(a, fault_ep, seL4_CapInitThreadCNode, 0, seL4_CapInitThreadVSpace, 0) == seL4_NoError,
           "the root task handles the server's faults");
    server_a.reply = reply_cptr;
    seL4_Signal(server_a.park);
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = seL4_Recv(fault_ep, &badge, handler_reply);
    bool fault = seL4_MessageInfo_get_label(info) == seL4_Fault_CapFault &&
                 seL4_GetMR(seL4_CapFault_Addr) == reply_cptr && seL4_GetMR(seL4_CapFault_InRecvPhase) == 1;
    settle();
    return fault && client.answers == 0 && has_sc(a) && !has_sc(c);
}

void reply_recv_with_garbage_reply_register() {
    expect(reply_recv_naming_no_reply(root.next_slot + 40), "an empty slot: no answer, a receive-phase cap fault");
    seL4_CPtr ep = make(seL4_EndpointObject);
    expect(reply_recv_naming_no_reply(ep), "an endpoint: no answer, a receive-phase cap fault");
}

// The client, waiting for a passive server's answer, is given a scheduling context of its own:
// the reply wakes it on that one, and the lent context stays with the server (seL4's reply_pop).
void reply_to_caller_with_new_context() {
    auto [a, csc, c] = call_parked_server(8);
    expect(seL4_SchedContext_Bind(make_configured_sc(), c) == seL4_NoError, "the waiting client gets a context");
    seL4_Signal(server_a.park);
    settle();
    expect(client.answers == 1 && client.output == 81, "the client is answered");
    expect(has_sc(a), "the server keeps the lent context");
    expect(seL4_SchedContext_Bind(csc, root.probe_tcb) == seL4_IllegalOperation, "which is still in use");
}

// A passive fault handler answers a fault by ReplyRecv: a fault reply, which restarts the
// faulter on its context given back; it faults again, lending the context again.
void passive_handler_answers_fault_by_reply_recv() {
    auto [h, f] = fault_to_passive_handler();
    seL4_Signal(server_a.park);
    settle();
    expect(server_a.served == 2 && has_sc(h) && !has_sc(f),
           "the fault reply restarts the faulter, which faults again and lends its context again");
}

struct Test {
    const char* name;
    void (*run)();
    const char* what;
};

// The CTest names, one per line as tests/CMakeLists.txt reads them.
const Test tests[] = {
    {"IPC1001", passive_server_runs_on_the_clients_context, "a passive server serves a Call on the caller's context"},
    {"IPC1002", donation_chain_two_deep, "a two-deep donation chain runs and unwinds in order"},
    {"IPC1003", reply_by_send_leaves_server_without_context, "the reply gives the context back to the caller"},
    {"IPC1004", reply_object_reused_while_its_caller_waits, "a reply object reused while its caller waits"},
    {"IPC1005", reply_object_deleted_mid_call, "deleting the reply object mid-call returns the context"},
    {"IPC1006", server_deleted_mid_call, "deleting the server mid-call frees the context"},
    {"IPC1007", sched_context_deleted_mid_call, "deleting the scheduling context mid-call"},
    {"IPC1008", reply_object_deleted_mid_chain, "deleting a reply object in the middle of a chain cuts it"},
    {"IPC1009", notification_lends_its_context, "a notification lends its context to a passive waiter"},
    {"IPC1010", recv_with_garbage_reply_caps, "Recv with a reply register naming no reply cap"},
    {"IPC1011", endpoints_deleted_around_a_call, "deleting endpoints around a call in progress"},
    {"IPC1012", sends_donate_only_from_a_first_phase, "Send does not donate, NBSendRecv does"},
    {"IPC1013", fault_donates_to_a_passive_handler, "a fault donates the context to a passive fault handler"},
    {"IPC1014", bound_notification_lends_to_a_passive_server, "a bound notification lends its context to a passive server"},
    {"IPC1015", chain_revoked_mid_call, "revoking the untyped of a whole chain mid-call"},
    {"IPC1016", caller_suspended_mid_call, "suspending a caller mid-call leaves the context with the server"},
    {"IPC1017", pending_signal_lends_on_recv, "a signal pending when a passive server's Recv comes lends it the context"},
    {"IPC1018", call_to_passive_wait, "a Call to a passive receiver in Wait: the caller is Inactive, nothing lent"},
    {"IPC1019", call_without_grant_to_passive_server, "a Call without Grant or GrantReply to a passive server lends nothing"},
    {"IPC1020", call_lets_ready_thread_run_first, "a Call lending to a lower-priority passive server lets a ready thread run first"},
    {"IPC1021", reply_lets_ready_thread_run_first, "a reply to a lower-priority caller lets a ready thread run first"},
    {"IPC1022", reply_recv_with_bound_notification_active, "ReplyRecv with the bound notification active answers, then takes the signal"},
    {"IPC1023", reply_recv_below_the_head, "ReplyRecv through a reply object below the head of the call stack"},
    {"IPC1024", reply_recv_with_garbage_reply_register, "ReplyRecv naming an endpoint or an empty slot as its reply"},
    {"IPC1025", reply_to_caller_with_new_context, "a reply to a caller given its own context meanwhile"},
    {"IPC1026", passive_handler_answers_fault_by_reply_recv, "a passive fault handler's ReplyRecv is a fault reply"},
};

void run(unsigned number, const Test& t) {
    mcs::tap_start(t.name);
    test_ok = true;
    test_slot_count = test_stack_count = 0;
    t.run();
    while (test_slot_count) seL4_CNode_Delete(seL4_CapInitThreadCNode, test_slots[--test_slot_count], seL4_WordBits);
    mcs::tap_result(test_ok, number, t.name, t.what);
}

}  // namespace

extern "C" [[noreturn]] void mcs_boot_main(seL4_BootInfo* bi) {
    mcs::set_tls(root_tls);
    seL4_SetIPCBuffer(bi->ipcBuffer);
    put("MCS donation tests\n");
    root.untyped = mcs::find_untyped(bi, 20);
    root.sched_control = bi->schedcontrol.start;
    root.next_slot = bi->empty.start;
    root.probe_sc = make_configured_sc();
    root.start_sc = make_configured_sc();
    root.probe_tcb = make(seL4_TCBObject);
    test_slot_count = 0;  // the root's own objects stay
    constexpr unsigned count = sizeof(tests) / sizeof(tests[0]);
    put("1..");
    put_number(count);
    put("\n");
    for (unsigned i = 0; i < count; i++) run(i + 1, tests[i]);
    mcs::halt();
}
