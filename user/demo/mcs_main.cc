// The MCS demo (./keel run --config mcs): processor time is a capability. Three threads of one
// priority get scheduling contexts of their own; two passive servers, which have none, serve two
// of them on their budgets; the third never stops, and the kernel holds it to its budget while the
// others keep their shares. Every figure is the kernel's (SchedContext_Consumed). (One server for
// both clients would cost them half their budgets, in seL4 as in Keel: a budget that runs out in
// the server leaves it holding one client's request until that budget comes back, and the other
// client, blocked meanwhile, misses its period. seL4's answer is a timeout handler.)
#include <keel/alloc.h>
#include <keel/ipc.h>
#include <keel/process.h>
#include <keel/runtime.h>

namespace {

constexpr seL4_Word period_us = 10000;     // every budget below is per 10 ms
constexpr seL4_Word window_periods = 100;  // the root task watches for 100 of its own 10 ms periods
constexpr seL4_Word worker_prio = 100, server_prio = 150;
constexpr seL4_Word work_per_request = 20000;  // the server's loop iterations per request

struct Worker {
    const char* name;
    seL4_Word budget_us;
    seL4_CPtr sc;
};
Worker client_a{"client A", 2000, 0}, client_b{"client B", 3000, 0}, hog{"hog", 1000, 0};
Worker* const workers[] = {&client_a, &client_b, &hog};

seL4_CPtr server_ep[3];  // the servers of clients 1 and 2
volatile seL4_Word served[3];

alignas(64) unsigned char tls_areas[5][1024];
alignas(16) unsigned char stacks[5][8192];

void spin(seL4_Word n) {
    for (seL4_Word i = 0; i < n; i++) asm volatile("" ::: "memory");
}

// Server `i`: each request costs it work_per_request rounds, done on its caller's budget.
template <unsigned i>
[[noreturn]] void server() {
    seL4_Word badge = 0, mr0 = 0, mr1 = 0, mr2 = 0, mr3 = 0;
    seL4_RecvWithMRs(server_ep[i], &badge, &mr0, &mr1, &mr2, &mr3, keel_thread_reply);
    for (;;) {
        spin(work_per_request);
        served[i] = served[i] + 1;
        seL4_ReplyRecvWithMRs(server_ep[i], seL4_MessageInfo_new(0, 0, 0, 1), &badge, &mr0, &mr1, &mr2, &mr3,
                              keel_thread_reply);
    }
}

// Client `i` of server `i`: only register-sized calls (it has no IPC buffer).
template <unsigned i>
[[noreturn]] void client() {
    for (;;) {
        seL4_Word mr0 = 0, mr1 = 0, mr2 = 0, mr3 = 0;
        seL4_CallWithMRs(server_ep[i], seL4_MessageInfo_new(0, 0, 0, 1), &mr0, &mr1, &mr2, &mr3);
    }
}

[[noreturn]] void hog_loop() {
    for (;;) {}
}

// A thread of the root task's spaces at `prio`, running on `sc` (none: passive once it waits).
seL4_CPtr start(unsigned i, void (*entry)(), seL4_Word prio, seL4_CPtr sc) {
    seL4_CPtr tcb = keel_alloc_object(seL4_TCBObject, 0);
    keel_prepare_thread(tcb, entry, stacks[i] + sizeof(stacks[i]), tls_areas[i], nullptr, 0, prio, 0,
                        seL4_CapInitThreadVSpace);
    if (sc) {  // its own budget in place of the runtime's round-robin one
        seL4_TCB_SetSchedParams(tcb, seL4_CapInitThreadTCB, prio, prio, seL4_CapNull, 0);
        seL4_SchedContext_Bind(sc, tcb);
    }
    seL4_TCB_Resume(tcb);
    return tcb;
}

// A scheduling context of `budget_us` every `period`, with room for 16 refills beyond the two
// every one has: a thread preempted often uses its budget in many pieces, each coming back a period
// after it was used, and with too few refills seL4's rules merge or delay them (the budget shrinks).
seL4_CPtr sched_context(seL4_Word budget_us, seL4_Word period) {
    constexpr seL4_Word extra_refills = 16, size_bits = 9;  // seL4_MaxExtraRefills(9) is 24
    seL4_CPtr sc = keel_alloc_object(seL4_SchedContextObject, size_bits);
    seL4_SchedControl_ConfigureFlags(keel_bootinfo()->schedcontrol.start, sc, budget_us, period, extra_refills, 0,
                                     seL4_SchedContext_Sporadic);
    return sc;
}

seL4_Word consumed_us(seL4_CPtr sc) { return seL4_SchedContext_Consumed(sc).consumed; }

// The root task sleeps a period at a time: seL4_Yield gives up the rest of its budget.
void sleep_periods(seL4_Word n) {
    for (seL4_Word i = 0; i < n; i++) seL4_Yield();
}

// Server `i` runs to its Recv on the runtime's scheduling context, which is then taken away.
template <unsigned i>
bool start_passive_server() {
    server_ep[i] = keel_alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr tcb = start(i, server<i>, server_prio, 0);
    seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 1);  // the server runs to its Recv
    seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, seL4_MaxPrio);
    return seL4_TCB_SetSchedParams(tcb, seL4_CapInitThreadTCB, server_prio, server_prio, seL4_CapNull, 0) ==
           seL4_NoError;
}

void start_passive_servers() {
    bool done = start_passive_server<1>() && start_passive_server<2>();
    keel_printf("    Two servers wait in Recv; their scheduling contexts are taken away: %s.\n"
                "    They are passive: each can only run on the time of whoever calls it.\n",
                done ? "done" : "failed");
}

void start_workers() {
    for (Worker* w : workers) {
        w->sc = sched_context(w->budget_us, period_us);
        keel_printf("    %s: %lu ms every %lu ms (%lu%% of the processor)\n", w->name, w->budget_us / 1000,
                    period_us / 1000, w->budget_us * 100 / period_us);
    }
    start(3, client<1>, worker_prio, client_a.sc);
    start(4, client<2>, worker_prio, client_b.sc);
    start(0, hog_loop, worker_prio, hog.sc);
}

// The share of the window `us` is, in tenths of a percent.
seL4_Word permille(seL4_Word us) { return us * 1000 / (window_periods * period_us); }

// Whether the share is the budget's, within 15 % of it either way.
bool near_budget(const Worker& w, seL4_Word us) {
    seL4_Word budget = w.budget_us * window_periods;
    return us * 100 >= budget * 85 && us * 100 <= budget * 115;
}

void report() {
    bool all_held = true;
    for (Worker* w : workers) {
        seL4_Word us = consumed_us(w->sc);
        bool held = near_budget(*w, us);
        all_held = all_held && held;
        keel_printf("    %s used %lu.%lu ms of %lu ms: %2lu.%lu%% (its budget: %lu%%) - %s\n", w->name, us / 1000,
                    us % 1000 / 100, window_periods * period_us / 1000, permille(us) / 10, permille(us) % 10,
                    w->budget_us * 100 / period_us, held ? "its share" : "NOT its share");
    }
    keel_printf("    calls served: %lu for client A, %lu for client B, on their own budgets\n", served[1], served[2]);
    bool both_served = served[1] > 0 && served[2] > 0;
    keel_printf("%s\n", all_held && both_served
                            ? "The hog was throttled to its budget; the clients kept their shares, the passive servers "
                              "running on them."
                            : "MCS demo: a share was NOT kept.");
}

}  // namespace

int main(seL4_BootInfo*) {
    keel_printf("\nKeel MCS demo: time is a capability.\n\n[1] Passive servers\n");
    start_passive_servers();
    keel_printf("\n[2] Three threads of priority %lu, each with a scheduling context of its own:\n", worker_prio);
    start_workers();
    seL4_SchedControl_ConfigureFlags(keel_bootinfo()->schedcontrol.start, seL4_CapInitThreadSC, 500, period_us, 0, 0,
                                     0);
    keel_printf("    (sporadic servers: each budget comes back a period after each piece of it was used)\n"
                "    The hog never blocks; each client calls its server, which works on its time.\n"
                "\n[3] The root task watches for %lu ms (it sleeps by giving up its own budget)...\n",
                window_periods * period_us / 1000);
    for (Worker* w : workers) consumed_us(w->sc);  // counted from now
    sleep_periods(window_periods);
    report();
    return 0;
}
