// qemu.<arch>.mcs.SCHEDnnnn: the MCS kernel charges time to scheduling contexts (budget
// enforcement, round robin, sporadic refills, Consumed, timeout faults, Yield) and refuses bad
// parameters. A TAP line per test ("ok N - SCHEDnnnn what"), then the plan, then DebugHalt.
//
// The root task runs at a high priority on a periodic budget (root_budget_us every
// root_period_us): seL4_Yield gives up the rest of its budget, so it sleeps until its next
// period while the worker threads, at a lower priority, run. What the workers used is the
// kernel's measure (SchedContext_Consumed, in microseconds of the timer's cycle counter: the
// TSC, the time CSR) and the work they counted.
#include <keel/arch.h>
#include "mcs_test.h"

namespace {

using mcs::put;
using mcs::put_number;

alignas(64) seL4_Word root_tls[64];

constexpr seL4_Word root_budget_us = 2000, root_period_us = 50000;
constexpr seL4_Word root_priority = 200, worker_priority = 100;
constexpr seL4_Word sporadic = seL4_SchedContext_Sporadic;
constexpr seL4_Word sc_bits = 8;  // room for extra refills
// Iterations of the passive server's loop that take about a quarter of a millisecond under -icount.
constexpr seL4_Word quarter_ms_of_work = 60000;
// The most 1,000 Call and ReplyRecv round trips to a passive server may cost on the fastpath
// (x86_64 uses 370 us, riscv64 540; the checked kernels' slow path 10,700 and 9,000).
constexpr seL4_Word fastpath_round_trips_us = 2000;

// Objects come from one untyped into the root CNode's empty slots, never deleted.
struct Objects {
    seL4_CPtr untyped, sched_control, next;

    seL4_CPtr make(seL4_Word type, seL4_Word size_bits) {
        seL4_CPtr slot = next++;
        return mcs::retype(untyped, type, size_bits, slot) == seL4_NoError ? slot : seL4_CapNull;
    }
};
Objects objects;

// --- the workers -----------------------------------------------------------------------------

constexpr unsigned max_workers = 4;
alignas(16) char stacks[max_workers][4096];
volatile seL4_Word counts[max_workers];
volatile unsigned turn_owner;  // the round-robin worker that ran last

template <unsigned I>
[[noreturn]] void spin() {
    for (;;) counts[I] = counts[I] + 1;
}

// Counts the times it found the other round-robin worker had run since it last looked.
template <unsigned I>
[[noreturn]] void take_turns() {
    for (;;) {
        if (turn_owner != I) {
            turn_owner = I;
            counts[I] = counts[I] + 1;
        }
    }
}

template <unsigned I>
[[noreturn]] void count_and_yield() {
    for (;;) {
        counts[I] = counts[I] + 1;
        seL4_Yield();
    }
}

// The clock as a thread reads it (keel_read_timer), at its first and latest reading.
volatile seL4_Word first_tick, last_tick;
seL4_Word timer_ticks_per_ms;

[[noreturn]] void read_clock() {
    first_tick = keel_read_timer();
    for (;;) last_tick = keel_read_timer();
}

volatile seL4_Word redirected;

[[noreturn]] void after_timeout() {
    redirected = 1;
    for (;;) {}
}

// A timeout handler: receives one fault on `handler_ep` and notes it.
seL4_CPtr handler_ep, handler_reply;
volatile seL4_Word handled;

template <unsigned I>
[[noreturn]] void handle_one_fault() {
    seL4_Word badge = 0;
    seL4_RecvWithMRs(handler_ep, &badge, nullptr, nullptr, nullptr, nullptr, handler_reply);
    handled = 1;
    for (;;) counts[I] = counts[I] + 1;
}

// Counts the signals it takes from `signalled`.
seL4_CPtr signalled;

template <unsigned I>
[[noreturn]] void count_signals() {
    for (;;) {
        seL4_WaitWithMRs(signalled, nullptr, nullptr, nullptr, nullptr, nullptr);
        counts[I] = counts[I] + 1;
    }
}

// A passive server (once its scheduling context is taken, as it waits): answers each Call of
// mr0 with mr0 * 2 + 1 after `server_work` iterations of work, through ReplyRecv.
seL4_CPtr server_ep, server_reply;
volatile seL4_Word server_work, server_spins, server_calls;
const seL4_MessageInfo_t one_word = seL4_MessageInfo_new(0, 0, 0, 1);

[[noreturn]] void passive_server() {
    seL4_Word badge = 0, mr0 = 0, mr1 = 0, mr2 = 0, mr3 = 0;
    seL4_RecvWithMRs(server_ep, &badge, &mr0, &mr1, &mr2, &mr3, server_reply);
    for (;;) {
        for (seL4_Word i = 0; i < server_work; i++) server_spins = server_spins + 1;
        server_calls = server_calls + 1;
        mr0 = mr0 * 2 + 1;
        seL4_ReplyRecvWithMRs(server_ep, one_word, &badge, &mr0, &mr1, &mr2, &mr3, server_reply);
    }
}

// Calls the server `client_calls` times (counting the answers in counts[I] and the wrong ones in
// `wrong_answers`), then waits for good.
seL4_Word client_calls;
seL4_CPtr never_signalled;
volatile seL4_Word wrong_answers;

template <unsigned I>
[[noreturn]] void call_server() {
    for (seL4_Word i = 0; i < client_calls; i++) {
        seL4_Word mr0 = i, mr1 = 0, mr2 = 0, mr3 = 0;
        seL4_CallWithMRs(server_ep, one_word, &mr0, &mr1, &mr2, &mr3);
        if (mr0 != i * 2 + 1) wrong_answers = wrong_answers + 1;
        counts[I] = counts[I] + 1;
    }
    for (;;) seL4_Wait(never_signalled, nullptr);
}

struct Worker {
    seL4_CPtr tcb, sc;
};

// A thread at worker_priority running `entry` on scheduling context parameters (budget, period,
// flags, badge), its counter at 0; the timeout endpoint `timeout_ep` when not null.
Worker start_worker(unsigned i, void (*entry)(), seL4_Word budget_us, seL4_Word period_us, seL4_Word flags,
                    seL4_Word badge = 0, seL4_CPtr timeout_ep = seL4_CapNull) {
    Worker w{objects.make(seL4_TCBObject, 0), objects.make(seL4_SchedContextObject, sc_bits)};
    seL4_SchedControl_ConfigureFlags(objects.sched_control, w.sc, budget_us, period_us, 2, badge, flags);
    seL4_TCB_Configure(w.tcb, seL4_CapInitThreadCNode, 0, seL4_CapInitThreadVSpace, 0, 0, seL4_CapNull);
    seL4_TCB_SetPriority(w.tcb, seL4_CapInitThreadTCB, worker_priority);
    if (timeout_ep) seL4_TCB_SetTimeoutEndpoint(w.tcb, timeout_ep);
    counts[i] = 0;
    mcs::start_thread(w.tcb, entry, stacks[i], sizeof(stacks[i]));
    seL4_SchedContext_Bind(w.sc, w.tcb);
    return w;
}

seL4_Word consumed_us(seL4_CPtr sc) { return seL4_SchedContext_Consumed(sc).consumed; }

// The root task's periods: `n` times the rest of its budget given up.
void sleep_periods(unsigned n) {
    for (unsigned i = 0; i < n; i++) seL4_Yield();
}

// A measured value as a TAP comment, then whether it lies in [low, high].
bool within(const char* what, seL4_Word v, seL4_Word low, seL4_Word high) {
    put("# ");
    put(what);
    put(" ");
    put_number(v);
    put("\n");
    return v >= low && v <= high;
}

seL4_Word percent(seL4_Word part, seL4_Word other) { return part + other ? part * 100 / (part + other) : 0; }

// --- the tests -------------------------------------------------------------------------------

// A periodic thread of 2 ms every 10 ms against a round-robin one of the same priority: it gets
// about a fifth of their time (a little less: a released thread waits for the running one's
// time slice at its priority), by the kernel's count and by the work done.
bool budget_share() {
    Worker a = start_worker(0, spin<0>, 2000, 10000, 0);
    Worker b = start_worker(1, spin<1>, 10000, 10000, 0);
    sleep_periods(8);
    seL4_TCB_Suspend(a.tcb);
    seL4_TCB_Suspend(b.tcb);
    seL4_Word share = percent(consumed_us(a.sc), consumed_us(b.sc));
    seL4_Word work_share = percent(counts[0], counts[1]);
    bool time_ok = within("time share %", share, 8, 30);
    return within("work share %", work_share, 6, 35) && time_ok;
}

// Temporal isolation: a thread of a higher priority (150) that spins on 2 ms every 20 ms is
// throttled when its budget is used (the release queue), and one of a lower priority gets the
// rest, about nine tenths (without budgets it would get nothing).
bool higher_priority_throttled() {
    Worker high = start_worker(2, spin<2>, 2000, 20000, 0);
    Worker low = start_worker(3, spin<3>, 10000, 10000, 0);
    seL4_TCB_SetPriority(high.tcb, seL4_CapInitThreadTCB, 150);
    sleep_periods(4);
    seL4_TCB_Suspend(high.tcb);
    seL4_TCB_Suspend(low.tcb);
    return within("higher priority's time share %", percent(consumed_us(high.sc), consumed_us(low.sc)), 5, 20);
}

// Two round-robin threads of one priority, 2 ms budgets, spinning: each gets the processor back
// once the other's budget is used, every 2 ms or (the timer late on a busy host) a few more
// (without budgets, one would never stop).
bool round_robin() {
    turn_owner = 0;
    Worker c = start_worker(2, take_turns<2>, 2000, 2000, 0);
    Worker d = start_worker(3, take_turns<3>, 2000, 2000, 0);
    sleep_periods(6);
    seL4_TCB_Suspend(c.tcb);
    seL4_TCB_Suspend(d.tcb);
    return within("turns", counts[2], 5, ~seL4_Word{0}) && within("turns", counts[3], 5, ~seL4_Word{0});
}

// A sporadic thread of 2 ms every 20 ms, alone, spinning for about 300 ms: its budget comes back
// a period after use (it runs far more than one budget) and no more (far less than 300 ms).
bool sporadic_refills() {
    Worker e = start_worker(0, spin<0>, 2000, 20000, sporadic);
    sleep_periods(6);
    seL4_TCB_Suspend(e.tcb);
    return within("consumed us", consumed_us(e.sc), 12000, 60000);
}

// Consumed answers the time used since the last Consumed: about the periods slept (a busy host
// makes the timer late, so up to half as much again), then nothing when asked again at once (the
// thread has not run since; a host that stalls QEMU can use up the root task's budget between the
// two, so less than half the first is taken), then again the periods slept, not their sum.
bool consumed_resets() {
    Worker f = start_worker(1, spin<1>, 5000, 5000, 0);
    sleep_periods(2);
    seL4_Word first = consumed_us(f.sc);
    seL4_Word again = consumed_us(f.sc);
    sleep_periods(2);
    seL4_Word later = consumed_us(f.sc);
    seL4_TCB_Suspend(f.tcb);
    bool first_ok = within("first us", first, 10000, 3 * root_period_us);
    bool again_ok = within("again us", again, 0, first / 2);
    return within("later us", later, 50000, 3 * root_period_us) && first_ok && again_ok;
}

// One timeout fault: its label, the scheduling context's badge, the microseconds used, the
// endpoint cap's badge; true when all are as seL4 sends them.
bool timeout_fault_received(seL4_CPtr ep, seL4_CPtr reply) {
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = seL4_Recv(ep, &badge, reply);
    return seL4_MessageInfo_get_label(info) == seL4_Fault_Timeout && seL4_MessageInfo_get_length(info) == 2 &&
           seL4_GetMR(seL4_Timeout_Data) == 0x55 && within("consumed us", seL4_GetMR(seL4_Timeout_Consumed), 1000, 20000) &&
           badge == 0x77;
}

// A periodic thread (2 ms every 20 ms, badge 0x55) with a timeout endpoint overruns its budget:
// the endpoint receives a timeout fault (the time used: the budget, and as much as the timer was
// late); a reply with label 0 restarts it, and its next budget's end is the next fault (its
// consumed time counted from the last one).
bool timeout_fault() {
    seL4_CPtr ep = objects.make(seL4_EndpointObject, 0), reply = objects.make(seL4_ReplyObject, 0);
    seL4_CPtr badged = objects.next++;
    seL4_CNode_Mint(seL4_CapInitThreadCNode, badged, seL4_WordBits, seL4_CapInitThreadCNode, ep, seL4_WordBits,
                    seL4_AllRights, 0x77);
    Worker g = start_worker(2, spin<2>, 2000, 20000, 0, 0x55, badged);
    bool first = timeout_fault_received(ep, reply);
    seL4_Send(reply, seL4_MessageInfo_new(0, 0, 0, 0));
    bool second = timeout_fault_received(ep, reply);
    seL4_TCB_Suspend(g.tcb);
    return first && second;
}

// A timeout fault does not donate (seL4's handleTimeout): a passive timeout handler waiting in
// Recv gets the fault but not the faulting thread's scheduling context, whose budget is used up,
// so it runs only once given one of its own.
bool timeout_fault_does_not_donate() {
    handler_ep = objects.make(seL4_EndpointObject, 0);
    handler_reply = objects.make(seL4_ReplyObject, 0);
    handled = 0;
    Worker h = start_worker(3, handle_one_fault<3>, 2000, 20000, 0);
    sleep_periods(1);  // the handler reaches its Recv
    bool passive = seL4_SchedContext_Unbind(h.sc) == seL4_NoError;
    Worker g = start_worker(2, spin<2>, 2000, 20000, 0, 0x55, handler_ep);
    sleep_periods(3);
    bool waited = within("handled while passive", handled, 0, 0);
    seL4_TCB_Suspend(g.tcb);
    seL4_SchedContext_Bind(h.sc, h.tcb);
    sleep_periods(1);
    bool got_it = within("handled with its own context", handled, 1, 1);
    seL4_TCB_Suspend(h.tcb);
    return passive && waited && got_it;
}

// A notification's scheduling context whose budget is used up, lent to a passive waiter by a signal,
// makes the waiter wait for the budget's release (seL4's sendSignal: the waiter Running, then
// maybeDonateSchedContext's schedContext_resume postpones it) rather than run on it at once.
bool lent_budget_waits_for_release() {
    Worker used = start_worker(2, spin<2>, 1000, 1000000, 0);  // 1 ms every second
    sleep_periods(1);                                           // its budget is gone for a second
    signalled = objects.make(seL4_NotificationObject, 0);
    bool moved = seL4_SchedContext_Unbind(used.sc) == seL4_NoError &&
                 seL4_SchedContext_Bind(used.sc, signalled) == seL4_NoError;
    Worker waiter = start_worker(3, count_signals<3>, 1000, 1000, 0);
    sleep_periods(1);  // the waiter reaches its Wait
    bool passive = seL4_SchedContext_Unbind(waiter.sc) == seL4_NoError;
    seL4_Signal(signalled);
    sleep_periods(2);
    bool waited = within("signals taken before the release", counts[3], 0, 0);
    sleep_periods(20);
    bool ran = within("signals taken after it", counts[3], 1, 1);
    seL4_TCB_Suspend(used.tcb);
    seL4_TCB_Suspend(waiter.tcb);
    return moved && passive && waited && ran;
}

// A reply to a timeout fault may rewrite the thread's registers (seL4_TimeoutReply_*, in
// seL4_UserContext order): the thread restarts at another function, on the stack the reply gives,
// once its budget comes back.
bool timeout_reply_rewrites_registers() {
    seL4_CPtr ep = objects.make(seL4_EndpointObject, 0), reply = objects.make(seL4_ReplyObject, 0);
    Worker g = start_worker(1, spin<1>, 2000, 20000, 0, 0x55, ep);
    seL4_Word badge = 0;
    bool fault = seL4_MessageInfo_get_label(seL4_Recv(ep, &badge, reply)) == seL4_Fault_Timeout;
    redirected = 0;
    seL4_Word length = mcs_timeout_reply_restart(after_timeout, reinterpret_cast<seL4_Word>(stacks[1] + sizeof(stacks[1])));
    seL4_Send(reply, seL4_MessageInfo_new(0, 0, 0, length));
    sleep_periods(1);
    seL4_TCB_Suspend(g.tcb);
    return fault && within("redirected", redirected, 1, 1);
}

// seL4_Yield on MCS gives up the rest of the head refill: a thread of 2 ms every 20 ms that
// yields at once runs about once a period.
bool yield_gives_up_budget() {
    Worker h = start_worker(3, count_and_yield<3>, 2000, 20000, 0);
    sleep_periods(4);
    seL4_TCB_Suspend(h.tcb);
    return within("iterations", counts[3], 3, 30);
}

// ConfigureFlags takes garbage flags (only seL4_SchedContext_Sporadic means anything) and refuses
// a budget above the period, a budget or period of 0 or beyond the longest, and too many extra
// refills; Consumed on a scheduling context never bound, or never configured, answers 0;
// YieldTo to one with no thread is refused.
bool bad_parameters() {
    seL4_CPtr sc = objects.make(seL4_SchedContextObject, sc_bits);
    seL4_CPtr fresh = objects.make(seL4_SchedContextObject, sc_bits);
    seL4_CPtr control = objects.sched_control;
    bool garbage_flags = seL4_SchedControl_ConfigureFlags(control, sc, 1000, 10000, 0, 0, ~seL4_Word{0}) == seL4_NoError;
    bool refused = seL4_SchedControl_ConfigureFlags(control, sc, 10001, 10000, 0, 0, 0) == seL4_RangeError &&
                   seL4_SchedControl_ConfigureFlags(control, sc, 0, 10000, 0, 0, 0) == seL4_RangeError &&
                   seL4_SchedControl_ConfigureFlags(control, sc, 1000, 0, 0, 0, 0) == seL4_RangeError &&
                   seL4_SchedControl_ConfigureFlags(control, sc, 1000, ~seL4_Word{0}, 0, 0, 0) == seL4_RangeError &&
                   seL4_SchedControl_ConfigureFlags(control, sc, 1000, 10000, ~seL4_Word{0}, 0, 0) == seL4_RangeError;
    seL4_SchedContext_Consumed_t unbound = seL4_SchedContext_Consumed(sc);
    seL4_SchedContext_Consumed_t unconfigured = seL4_SchedContext_Consumed(fresh);
    bool consumed = unbound.error == seL4_NoError && unbound.consumed == 0 && unconfigured.error == seL4_NoError &&
                    unconfigured.consumed == 0;
    bool yield_to = seL4_SchedContext_YieldTo(sc).error == seL4_IllegalOperation;
    return garbage_flags && refused && consumed && yield_to;
}

// SchedContext_YieldTo: to a thread of a lower priority, the answer comes at once (it only goes
// first in its queue, and does no work meanwhile); to one of the root task's own priority, it
// runs first, to the end of its round-robin slice (what is left of its 5 ms), and the answer, the
// time it used, comes once the root task runs again; to the root task's own scheduling context,
// refused.
bool yield_to() {
    Worker y = start_worker(0, spin<0>, 5000, 5000, 0);
    sleep_periods(1);  // a whole budget of the root task's for what follows
    seL4_Word before = counts[0];
    seL4_SchedContext_YieldTo_t lower = seL4_SchedContext_YieldTo(y.sc);
    bool at_once = lower.error == seL4_NoError && within("work while yielding to a lower priority", counts[0] - before, 0, 0);
    seL4_TCB_SetPriority(y.tcb, seL4_CapInitThreadTCB, root_priority);
    seL4_SchedContext_YieldTo_t same = seL4_SchedContext_YieldTo(y.sc);
    seL4_TCB_Suspend(y.tcb);
    bool waited = same.error == seL4_NoError && within("consumed us", same.consumed, 1, 30000) &&
                  within("work", counts[0], 1, ~seL4_Word{0});
    bool self = seL4_SchedContext_YieldTo(seL4_CapInitThreadSC).error == seL4_IllegalOperation;
    return at_once && waited && self;
}

// --- Calls to a passive server, over the IPC fastpath ----------------------------------------

// The passive server (worker 0) at worker_priority, `work` iterations a call, its timeout
// endpoint `timeout_ep` when not null; and a client (worker 1) of the same priority making
// `calls` Calls on budget / period (badge 0x66), once the server waits passive.
struct Service {
    Worker server, client;
    bool passive;
};
Service start_service(seL4_Word work, seL4_Word calls, seL4_Word budget_us, seL4_Word period_us,
                      seL4_CPtr timeout_ep = seL4_CapNull) {
    server_ep = objects.make(seL4_EndpointObject, 0);
    server_reply = objects.make(seL4_ReplyObject, 0);
    never_signalled = objects.make(seL4_NotificationObject, 0);
    server_work = work;
    server_calls = 0;
    wrong_answers = 0;
    client_calls = calls;
    Service s{};
    s.server = start_worker(0, passive_server, 1000, 1000, 0, 0, timeout_ep);
    sleep_periods(1);  // the server reaches its Recv
    s.passive = seL4_SchedContext_Unbind(s.server.sc) == seL4_NoError;
    s.client = start_worker(1, call_server<1>, budget_us, period_us, 0, 0x66);
    return s;
}

// Sleeps periods until the client made all its calls, at most `max_periods`; how many it slept.
unsigned sleep_until_served(unsigned max_periods) {
    unsigned n = 0;
    while (counts[1] < client_calls && n < max_periods) {
        sleep_periods(1);
        n++;
    }
    return n;
}

// The end of a service: every answer right, the server passive again (its own scheduling
// context binds to it), the client back on its own (a second one does not bind).
bool ended_right(Service& s) {
    bool answered = within("calls answered", counts[1], client_calls, client_calls) &&
                    within("wrong answers", wrong_answers, 0, 0) && within("calls served", server_calls, client_calls, client_calls);
    bool server_passive = seL4_SchedContext_Bind(s.server.sc, s.server.tcb) == seL4_NoError;
    bool client_has_its_own = seL4_SchedContext_UnbindObject(s.server.sc, s.server.tcb) == seL4_NoError &&
                              seL4_SchedContext_Bind(s.server.sc, s.client.tcb) == seL4_IllegalOperation;
    seL4_TCB_Suspend(s.server.tcb);
    seL4_TCB_Suspend(s.client.tcb);
    return s.passive && answered && server_passive && client_has_its_own;
}

// 1,000 Calls to a passive server, each with one word, answered by ReplyRecv: the case seL4's
// MCS fastpath takes both ways. The server runs on the client's scheduling context and gives it
// back with each reply; a round trip costs what the fastpath costs (under -icount a microsecond
// is 1,000 instructions): far less than the checked kernel's slow path, whose every entry also
// checks invariants (the bound fails on the kernel without the fastpath).
bool fastpath_calls_to_passive_server() {
    constexpr seL4_Word calls = 1000;
    Service s = start_service(0, calls, 10000, 10000);
    sleep_until_served(20);
    seL4_Word us = consumed_us(s.client.sc);
    bool cheap = within("client's consumed us for 1000 round trips", us, 1, fastpath_round_trips_us);
    return ended_right(s) && cheap;
}

// A passive server doing about a quarter of a millisecond of work a call for a client of 2 ms
// every 20 ms: the work, done on the client's scheduling context lent over the fastpath, is
// charged to it (Consumed counts the 80 calls' 20 ms, 30 on riscv64), and the budget's end throttles the
// server mid-call until the client's next period: about 5 ms of work in each of the root task's
// 50 ms periods (unthrottled, the 80 calls would be served within the first).
bool fastpath_donation_charged_and_throttled() {
    Service s = start_service(quarter_ms_of_work, 80, 2000, 20000);
    unsigned periods = sleep_until_served(40);
    bool throttled = within("root periods until served", periods, 3, 40);
    bool charged = within("client's consumed us", consumed_us(s.client.sc), 15000, 60000);
    return ended_right(s) && throttled && charged;
}

// The client's budget (2 ms every 20 ms, badge 0x66) ends while the passive server, with a
// timeout endpoint, works on its Call (about 2.5 ms on x86_64, 4.2 on aarch64, whose loop takes 7
// instructions an iteration): the timeout fault is the server's, with the badge of the context
// the fastpath lent it; a reply restarts the server, which finishes once the budget is back
// (each further budget's end another timeout fault, restarted too) and answers the client.
bool fastpath_lent_budget_timeout() {
    seL4_CPtr ep = objects.make(seL4_EndpointObject, 0), reply = objects.make(seL4_ReplyObject, 0);
    Service s = start_service(10 * quarter_ms_of_work, 1, 2000, 20000, ep);
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = seL4_Recv(ep, &badge, reply);
    bool fault = seL4_MessageInfo_get_label(info) == seL4_Fault_Timeout && seL4_GetMR(seL4_Timeout_Data) == 0x66 &&
                 within("consumed us at the fault", seL4_GetMR(seL4_Timeout_Consumed), 1000, 20000);
    seL4_Word faults = 1;
    for (unsigned n = 0; seL4_MessageInfo_get_label(info) == seL4_Fault_Timeout && n < 40; n++) {
        seL4_Send(reply, seL4_MessageInfo_new(0, 0, 0, 0));
        sleep_until_served(1);
        info = seL4_NBRecv(ep, &badge, reply);
        faults += seL4_MessageInfo_get_label(info) == seL4_Fault_Timeout;
    }
    return ended_right(s) && within("timeout faults", faults, 1, 3) && fault;
}

// A budget is the time of the clock a thread reads: one of 10 ms every second, alone, sees the
// clock advance by 10 ms from its first reading to its last, at the clock's own rate (QEMU virt's
// generic timer, 62.5 MHz, is no whole number of ticks a microsecond: 62 made the budget 0.8 % short).
bool budget_in_clock_time() {
    Worker w = start_worker(0, read_clock, 10000, 1000000, 0);
    sleep_periods(2);
    seL4_TCB_Suspend(w.tcb);
    return within("budget us by the clock", (last_tick - first_tick) * 1000 / timer_ticks_per_ms, 9960, 10040);
}

struct Test {
    const char* name;
    const char* what;
    bool (*run)();
};

const Test tests[] = {
    {"SCHED1001", "a 2 ms / 10 ms thread gets about a fifth of the processor against a round-robin one", budget_share},
    {"SCHED1002", "round-robin threads of one priority take turns when their budgets are used", round_robin},
    {"SCHED1003", "a sporadic thread's budget comes back a period after use, and no more", sporadic_refills},
    {"SCHED1004", "SchedContext_Consumed answers the time used since the last one", consumed_resets},
    {"SCHED1005", "an overrun budget is a timeout fault with label, badge and consumed time", timeout_fault},
    {"SCHED1006", "seL4_Yield gives up the rest of the budget until the next period", yield_gives_up_budget},
    {"SCHED1007", "bad ConfigureFlags refused, Consumed on unbound and unconfigured, YieldTo unbound", bad_parameters},
    {"SCHED1008", "YieldTo: a lower priority answered at once, the same one runs first, self refused", yield_to},
    {"SCHED1009", "a reply to a timeout fault rewrites the thread's registers", timeout_reply_rewrites_registers},
    {"SCHED1010", "a higher-priority thread is throttled at its budget's end: a lower one gets the rest", higher_priority_throttled},
    {"SCHED1011", "a timeout fault does not donate: a passive timeout handler stays passive", timeout_fault_does_not_donate},
    {"SCHED1012", "a lent scheduling context with its budget used up makes the waiter wait for its release", lent_budget_waits_for_release},
    {"SCHED1013", "1,000 Calls to a passive server over the fastpath, the context lent and given back", fastpath_calls_to_passive_server},
    {"SCHED1014", "a passive server's work on fastpath Calls is charged to the caller's context and throttled", fastpath_donation_charged_and_throttled},
    {"SCHED1015", "a budget lent over the fastpath ends mid-call: a timeout fault with the caller's badge", fastpath_lent_budget_timeout},
    {"SCHED1016", "a budget is its length by the clock a thread reads", budget_in_clock_time},
};

void run(unsigned number, const Test& t) {
    mcs::tap_start(t.name);
    mcs::tap_result(t.run(), number, t.name, t.what);
}

}  // namespace

extern "C" [[noreturn]] void mcs_boot_main(seL4_BootInfo* bi) {
    seL4_SetTLSBase(mcs_thread_pointer(root_tls, 64));
    seL4_SetIPCBuffer(bi->ipcBuffer);
    put("MCS time tests\n");
    objects = Objects{mcs::find_untyped(bi, 18), bi->schedcontrol.start, bi->empty.start};
    timer_ticks_per_ms = keel_timer_ticks_per_ms(bi);
    seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, root_priority);
    seL4_SchedControl_ConfigureFlags(objects.sched_control, seL4_CapInitThreadSC, root_budget_us, root_period_us, 0, 0, 0);
    unsigned number = 0;
    for (const Test& t : tests) run(++number, t);
    put("1..");
    put_number(number);
    put("\n");
    mcs::halt();
}
