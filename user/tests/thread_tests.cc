// THREADS, SCHED, FPU: TCB invocations, the scheduler and per-thread FPU state.
#include <keel/arch.h>
#include "thread_helpers.h"

using namespace keel;

namespace {

constexpr seL4_Word root_prio = seL4_MaxPrio;
ThreadStack stacks[4];
volatile seL4_Word shared[8];
seL4_CPtr thread_caps[4];

void set_shared_0_and_exit() {
    shared[0] = 0x600d;
    exit_thread(thread_caps[0]);
}

}  // namespace

// The timer tick that ends the root's time slice may fall between the Resume and the check and
// fairly hand the thread the processor; that is rare, so the check gets up to three tries (a
// scheduler that switched at the Resume would fail all three).
KEEL_TEST(THREADS0001, "a configured thread at the root's priority runs when the root yields") {
    bool kept_running = false;
    for (int attempt = 0; attempt < 3 && !kept_running; attempt++) {
        shared[0] = 0;
        // Resumed only once its cap is stored: a timer tick may hand it the processor at once.
        thread_caps[0] = spawn_thread(set_shared_0_and_exit, stacks[0], root_prio, false);
        KEEL_CHECK(thread_caps[0] != 0);
        KEEL_CHECK_EQ(seL4_TCB_Resume(thread_caps[0]), seL4_NoError);
        kept_running = shared[0] == 0;  // equal priority: the root keeps running until it yields
        seL4_Yield();
        KEEL_CHECK_EQ(shared[0], 0x600d);
        KEEL_CHECK_EQ(seL4_TCB_Suspend(thread_caps[0]), seL4_NoError);  // gone before the next try reuses its stack
    }
    KEEL_CHECK(kept_running);
}

KEEL_TEST(THREADS0002, "resuming a higher-priority thread switches to it at once") {
    KEEL_CHECK_EQ(set_own_priority(100), seL4_NoError);
    shared[0] = 0;
    thread_caps[0] = spawn_thread(set_shared_0_and_exit, stacks[0], 200, false);
    KEEL_CHECK_EQ(shared[0], 0);
    KEEL_CHECK_EQ(seL4_TCB_Resume(thread_caps[0]), seL4_NoError);
    KEEL_CHECK_EQ(shared[0], 0x600d);
    KEEL_CHECK_EQ(set_own_priority(root_prio), seL4_NoError);
}

KEEL_TEST(THREADS0003, "a suspended thread never runs; a lower-priority one waits for the root to yield its priority") {
    shared[0] = 0;
    thread_caps[0] = spawn_thread(set_shared_0_and_exit, stacks[0], 10, true);
    seL4_Yield();
    KEEL_CHECK_EQ(shared[0], 0);  // lower priority: not run while the root is runnable
    KEEL_CHECK_EQ(seL4_TCB_Suspend(thread_caps[0]), seL4_NoError);
    KEEL_CHECK_EQ(set_own_priority(5), seL4_NoError);
    seL4_Yield();
    KEEL_CHECK_EQ(shared[0], 0);  // suspended
    KEEL_CHECK_EQ(set_own_priority(root_prio), seL4_NoError);
    KEEL_CHECK_EQ(seL4_TCB_Resume(thread_caps[0]), seL4_NoError);
    KEEL_CHECK_EQ(set_own_priority(5), seL4_NoError);
    KEEL_CHECK_EQ(shared[0], 0x600d);  // dropping below it let it run
    KEEL_CHECK_EQ(set_own_priority(root_prio), seL4_NoError);
}

KEEL_TEST(THREADS0004, "priorities above the authority's MCP are RangeErrors [0, mcp]") {
    seL4_CPtr weak = spawn_thread(set_shared_0_and_exit, stacks[1], 10, false);
    KEEL_CHECK_EQ(seL4_TCB_SetMCPriority(weak, seL4_CapInitThreadTCB, 50), seL4_NoError);
    seL4_CPtr t = spawn_thread(set_shared_0_and_exit, stacks[2], 10, false);
    KEEL_CHECK_EQ(seL4_TCB_SetPriority(t, weak, 60), seL4_RangeError);
    KEEL_CHECK_EQ(seL4_GetMR(0), 0);
    KEEL_CHECK_EQ(seL4_GetMR(1), 50);
    KEEL_CHECK_EQ(seL4_TCB_SetPriority(t, weak, 50), seL4_NoError);
    KEEL_CHECK_EQ(set_sched_params(t, weak, 51, 10), seL4_RangeError);
    KEEL_CHECK_EQ(seL4_TCB_SetPriority(t, seL4_CapInitThreadCNode, 1), seL4_InvalidCapability);
    KEEL_CHECK_EQ(seL4_GetMR(0), 1);
}

KEEL_TEST(THREADS0006, "Configure checks its caps: CNode root, mapped VSpace root, aligned frame for the IPC buffer") {
    seL4_CPtr t = alloc_object(seL4_TCBObject, 0);
    KEEL_CHECK_EQ(keel_tcb_configure(t, seL4_CapInitThreadTCB, seL4_CapInitThreadVSpace, 0, 0),
                  seL4_IllegalOperation);
    KEEL_CHECK_EQ(keel_tcb_configure(t, root, seL4_CapInitThreadCNode, 0, 0), seL4_IllegalOperation);
    seL4_CPtr unmapped = alloc_object(KEEL_VSPACE_OBJECT, 0);
    KEEL_CHECK_EQ(keel_tcb_configure(t, root, unmapped, 0, 0), seL4_IllegalOperation);
    seL4_Word buffer = reinterpret_cast<seL4_Word>(keel_bootinfo()->ipcBuffer);
    KEEL_CHECK_EQ(keel_tcb_configure(t, root, seL4_CapInitThreadVSpace, buffer + 8, seL4_CapInitThreadIPCBuffer),
                  seL4_AlignmentError);
    KEEL_CHECK_EQ(keel_tcb_configure(t, root, seL4_CapInitThreadVSpace, buffer, seL4_CapDomain),
                  seL4_IllegalOperation);
    KEEL_CHECK_EQ(keel_tcb_configure(t, root, seL4_CapInitThreadVSpace, buffer, seL4_CapInitThreadIPCBuffer),
                  seL4_NoError);
    KEEL_CHECK_EQ(seL4_TCB_SetIPCBuffer(t, 0, 0), seL4_NoError);
    KEEL_CHECK_EQ(seL4_TCB_SetSpace(t, 0, root, 0, seL4_CapInitThreadVSpace, 0), seL4_NoError);
    seL4_MessageInfo_t info = seL4_Call(t, seL4_MessageInfo_new(TCBConfigure, 0, 0, 4));
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_TruncatedMessage);
}

namespace {
volatile int order[12];
volatile int order_len;
void round_robin_body(int id) {
    for (int i = 0; i < 3; i++) {
        order[order_len] = id;
        order_len = order_len + 1;
        seL4_Yield();
    }
    exit_thread(thread_caps[id]);
}
void rr1() { round_robin_body(1); }
void rr2() { round_robin_body(2); }
void rr3() { round_robin_body(3); }
}  // namespace

KEEL_TEST(SCHED0001, "threads of one priority take turns on Yield; Resume queues a thread first, Yield last") {
    order_len = 0;
    for (int id = 1; id <= 3; id++) thread_caps[id] = spawn_thread(id == 1 ? rr1 : id == 2 ? rr2 : rr3, stacks[id], 60, false);
    for (int id = 1; id <= 3; id++) KEEL_CHECK_EQ(seL4_TCB_Resume(thread_caps[id]), seL4_NoError);
    KEEL_CHECK_EQ(order_len, 0);  // all lower than the root so far
    KEEL_CHECK_EQ(set_own_priority(50), seL4_NoError);  // returns once all three have finished
    KEEL_CHECK_EQ(set_own_priority(root_prio), seL4_NoError);
    KEEL_CHECK_EQ(order_len, 9);
    const int expected[] = {3, 2, 1, 3, 2, 1, 3, 2, 1};  // each Resume put its thread at the head
    for (int i = 0; i < 9; i++) KEEL_CHECK_EQ(order[i], expected[i]);
}

KEEL_TEST(THREADS0007, "deleting a runnable thread's last cap stops it") {
    shared[0] = 0;
    thread_caps[0] = spawn_thread(set_shared_0_and_exit, stacks[0], 10, true);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, thread_caps[0], 64), seL4_NoError);
    KEEL_CHECK_EQ(set_own_priority(5), seL4_NoError);
    KEEL_CHECK_EQ(shared[0], 0);
    KEEL_CHECK_EQ(set_own_priority(root_prio), seL4_NoError);
}

KEEL_TEST(DOMAINS0001, "DomainSet_Set: domains below CONFIG_NUM_DOMAINS are accepted, others are InvalidArgument 0, non-TCBs InvalidArgument 1") {
    seL4_CPtr t = alloc_object(seL4_TCBObject, 0);
    KEEL_CHECK_EQ(seL4_DomainSet_Set(seL4_CapDomain, 0, t), seL4_NoError);
    KEEL_CHECK_EQ(seL4_DomainSet_Set(seL4_CapDomain, CONFIG_NUM_DOMAINS - 1, t), seL4_NoError);
    KEEL_CHECK_EQ(seL4_DomainSet_Set(seL4_CapDomain, CONFIG_NUM_DOMAINS, t), seL4_InvalidArgument);
    KEEL_CHECK_EQ(seL4_GetMR(0), 0);
    KEEL_CHECK_EQ(seL4_DomainSet_Set(seL4_CapDomain, 0, seL4_CapInitThreadCNode), seL4_InvalidArgument);
    KEEL_CHECK_EQ(seL4_GetMR(0), 1);
    seL4_MessageInfo_t info = seL4_Call(seL4_CapDomain, seL4_MessageInfo_new(DomainSetSet, 0, 0, 0));
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_TruncatedMessage);
}

namespace {
// The schedule's entries (seL4's default with one domain: two, domain 0 forever, then an end marker).
constexpr seL4_Word schedule_entries = CONFIG_NUM_DOMAIN_SCHEDULES;

void expect_range_error(seL4_Error e, seL4_Word max) {
    KEEL_CHECK_EQ(e, seL4_RangeError);
    KEEL_CHECK_EQ(seL4_GetMR(0), 0);
    KEEL_CHECK_EQ(seL4_GetMR(1), max);
}
}  // namespace

KEEL_TEST(DOMAINS0002, "ScheduleConfigure checks index (the last entry stays an end marker), domain, duration, start") {
    expect_range_error(seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, schedule_entries - 1, 0, 5), schedule_entries - 2);
    expect_range_error(seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, ~seL4_Word(0), 0, 5), schedule_entries - 2);
    expect_range_error(seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, 0, CONFIG_NUM_DOMAINS, 5), CONFIG_NUM_DOMAINS - 1);
    KEEL_CHECK_EQ(seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, 0, 0, seL4_Time(1) << 56), seL4_InvalidArgument);
    KEEL_CHECK_EQ(seL4_GetMR(0), 2);
    // Entry 0 is where the schedule starts: it cannot become an end marker.
    KEEL_CHECK_EQ(seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, 0, 0, 0), seL4_InvalidArgument);
    KEEL_CHECK_EQ(seL4_GetMR(0), 2);
    KEEL_CHECK_EQ(seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, 0, 0, 1000), seL4_NoError);
    KEEL_CHECK_EQ(seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, 0, 0, (seL4_Time(1) << 56) - 1), seL4_NoError);
    seL4_SetMR(0, 0);
    seL4_SetMR(1, 0);
    seL4_MessageInfo_t info = seL4_Call(seL4_CapDomain, seL4_MessageInfo_new(DomainScheduleConfigure, 0, 0, 2));
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_TruncatedMessage);
    info = seL4_Call(seL4_CapDomain, seL4_MessageInfo_new(DomainScheduleSetStart + 100, 0, 0, 0));
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_IllegalOperation);
}

KEEL_TEST(DOMAINS0003, "ScheduleSetStart: any index of the schedule but not an end marker; the root keeps running") {
    expect_range_error(seL4_DomainSet_ScheduleSetStart(seL4_CapDomain, schedule_entries), schedule_entries - 1);
    KEEL_CHECK_EQ(seL4_DomainSet_ScheduleSetStart(seL4_CapDomain, schedule_entries - 1), seL4_InvalidArgument);
    KEEL_CHECK_EQ(seL4_GetMR(0), 0);
    seL4_MessageInfo_t info = seL4_Call(seL4_CapDomain, seL4_MessageInfo_new(DomainScheduleSetStart, 0, 0, 0));
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_TruncatedMessage);
    KEEL_CHECK_EQ(seL4_DomainSet_ScheduleSetStart(seL4_CapDomain, 0), seL4_NoError);
    seL4_Yield();  // entry 0 again, domain 0: the root runs on
    KEEL_CHECK_EQ(seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, 0, 0, 0), seL4_InvalidArgument);  // still the start
}

namespace {
ThreadStack domain_stack;
volatile seL4_Word domain_spins;
void spin_in_domain() {
    for (;;) domain_spins = domain_spins + 1;
}

// Whether the thread spinning in domain 1 runs within about `ms` milliseconds of the root's.
bool other_domain_runs_within(seL4_Word ms) {
    domain_spins = 0;
    seL4_Word start = read_tsc(), limit = ms * tsc_cycles_per_ms();
    while (domain_spins == 0 && read_tsc() - start < limit) seL4_Yield();
    return domain_spins != 0;
}

ThreadStack share_stacks[2];
volatile seL4_Word domain_work[2];
void work_in_domain_0() {
    for (;;) domain_work[0] = domain_work[0] + 1;
}
void work_in_domain_1() {
    for (;;) domain_work[1] = domain_work[1] + 1;
}

// Domain 0 (the root's) for `ms0`, domain 1 for `ms1`, from entry 0 now; or domain 0 alone again.
void two_domain_schedule(seL4_Word ms0, seL4_Word ms1) {
    KEEL_CHECK_EQ(seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, 0, 0, domain_duration_ms(ms0)), seL4_NoError);
    KEEL_CHECK_EQ(seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, 1, 1, domain_duration_ms(ms1)), seL4_NoError);
    KEEL_CHECK_EQ(seL4_DomainSet_ScheduleSetStart(seL4_CapDomain, 0), seL4_NoError);
}
void one_domain_schedule() {
    KEEL_CHECK_EQ(seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, 1, 0, 0), seL4_NoError);
    KEEL_CHECK_EQ(seL4_DomainSet_ScheduleConfigure(seL4_CapDomain, 0, 0, (seL4_Time(1) << 56) - 1), seL4_NoError);
    KEEL_CHECK_EQ(seL4_DomainSet_ScheduleSetStart(seL4_CapDomain, 0), seL4_NoError);
}
}  // namespace

// seL4 keeps ready queues per domain and chooses only from the current domain's: a thread of
// another domain, even of a higher priority, runs only in its domain's time.
KEEL_TEST(DOMAINS0004, "a thread of another domain runs only in that domain's time, whatever its priority") {
    if (CONFIG_NUM_DOMAINS < 2) {
        keel_test_skip("one domain in this configuration (the cnode17 configuration has four)");
        return;
    }
    seL4_CPtr t = spawn_thread(spin_in_domain, domain_stack, root_prio, false);
    KEEL_CHECK_EQ(seL4_DomainSet_Set(seL4_CapDomain, 1, t), seL4_NoError);
    KEEL_CHECK_EQ(seL4_TCB_Resume(t), seL4_NoError);
    KEEL_CHECK(!other_domain_runs_within(100));  // the schedule is domain 0 forever
    two_domain_schedule(20, 20);
    KEEL_CHECK(other_domain_runs_within(1000));
    KEEL_CHECK_EQ(seL4_TCB_Suspend(t), seL4_NoError);
    one_domain_schedule();
}

// The schedule gives domain 1 three quarters of the time: a thread spinning there does about three
// times the work of one spinning in domain 0 (which shares its domain with the root, yielding).
// With MCS the domain's end is a timer deadline and its time is counted at every kernel entry.
KEEL_TEST(DOMAINS0005, "domain 0 for 10 ms and domain 1 for 30 ms: a thread spinning in each gets its domain's share") {
    if (CONFIG_NUM_DOMAINS < 2) {
        keel_test_skip("one domain in this configuration");
        return;
    }
    seL4_CPtr a = spawn_thread(work_in_domain_0, share_stacks[0], root_prio, false);
    seL4_CPtr b = spawn_thread(work_in_domain_1, share_stacks[1], root_prio, false);
    KEEL_CHECK_EQ(seL4_DomainSet_Set(seL4_CapDomain, 1, b), seL4_NoError);
    domain_work[0] = 0;
    domain_work[1] = 0;
    KEEL_CHECK_EQ(seL4_TCB_Resume(a), seL4_NoError);
    KEEL_CHECK_EQ(seL4_TCB_Resume(b), seL4_NoError);
    two_domain_schedule(10, 30);
    seL4_Word start = read_tsc(), limit = 400 * tsc_cycles_per_ms();
    while (read_tsc() - start < limit) seL4_Yield();
    KEEL_CHECK_EQ(seL4_TCB_Suspend(a), seL4_NoError);
    KEEL_CHECK_EQ(seL4_TCB_Suspend(b), seL4_NoError);
    one_domain_schedule();
    seL4_Word w0 = domain_work[0], w1 = domain_work[1];
    seL4_Word share = w0 + w1 ? w1 * 100 / (w0 + w1) : 0;
    keel_printf("# work in domain 0: %lu, in domain 1: %lu (%lu%%)\n", w0, w1, share);
    KEEL_CHECK(w0 > 0);
    KEEL_CHECK(share >= 55 && share <= 90);  // 75 under -icount; classic ticks are coarser
}

KEEL_TEST(THREADS0011, "SetSpace and Configure refuse (IllegalOperation) while the thread's CSpace root is the last cap to its CNode") {
    seL4_CPtr t = alloc_object(seL4_TCBObject, 0), cnode = alloc_object(seL4_CapTableObject, 2);
    KEEL_CHECK_EQ(seL4_TCB_SetSpace(t, 0, cnode, 0, seL4_CapInitThreadVSpace, 0), seL4_NoError);
    KEEL_CHECK_EQ(seL4_TCB_SetSpace(t, 0, root, 0, seL4_CapInitThreadVSpace, 0), seL4_NoError);  // not the last cap
    KEEL_CHECK_EQ(seL4_TCB_SetSpace(t, 0, cnode, 0, seL4_CapInitThreadVSpace, 0), seL4_NoError);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, cnode, 64), seL4_NoError);  // now the thread holds the last one
    // Replacing it would delete the CNode, a long-running deletion (seL4's slotCapLongRunningDelete).
    KEEL_CHECK_EQ(seL4_TCB_SetSpace(t, 0, root, 0, seL4_CapInitThreadVSpace, 0), seL4_IllegalOperation);
    KEEL_CHECK_EQ(keel_tcb_configure(t, root, seL4_CapInitThreadVSpace, 0, 0), seL4_IllegalOperation);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, t, 64), seL4_NoError);  // the TCB goes, and its CNode with it
}


KEEL_TEST(THREADS0021, "TCB_SetSpace on the running thread takes effect at its next switch, as on seL4: it runs on in its old address space, and its Yield moves it to the new (empty) one, where it faults") {
    KEEL_CHECK(runs_on_until_switched(keel_new_vspace, nullptr, false));
}

KEEL_TEST(THREADS0022, "after TCB_SetSpace on itself, TCB_SetIPCBuffer on itself moves the running thread to its new address space at once (seL4's rescheduleRequired), where it faults") {
    KEEL_CHECK(runs_on_until_switched(keel_new_vspace, nullptr, true));
}

namespace {

seL4_CPtr lost_root_fault_ep, lost_root_next_vspace;
volatile seL4_Word lost_root_stage;
volatile seL4_Word* volatile lost_root_nowhere;  // 0: a load from there faults

// SetSpace on itself to lost_root_next_vspace, which deletes the last cap to the address space it
// runs in; then a store and a load from address 0. On seL4 that deletion's deleteASID ends with
// setVMRoot(ksCurThread), which finds the old cap still in the VTable slot, its ASID gone, and
// loads the kernel's root; nothing reloads on the way back, so the thread's next fetch, the
// instruction after the system call, faults before the store. Had it returned on its new address
// space (a mirror of this one too), it would store and fault at 0.
void set_own_space_losing_root() {
    seL4_TCB_SetSpace(thread_caps[0], lost_root_fault_ep, root, 0, lost_root_next_vspace, 0);
    lost_root_stage = 1;
    (void)*lost_root_nowhere;
    park();
}

// A new address space mirroring the root task's: its image and its IPC buffer page, in which
// spawn_ipc_thread's threads have theirs.
seL4_CPtr mirror_of_root_space() {
    seL4_CPtr vspace = keel_new_vspace(), buffer = alloc_slot();
    if (!vspace || !buffer || keel_map_root_image(vspace)) return 0;
    if (seL4_CNode_Copy(root, buffer, 64, root, seL4_CapInitThreadIPCBuffer, 64, seL4_AllRights) != seL4_NoError) return 0;
    return keel_map_frame(buffer, vspace, reinterpret_cast<seL4_Word>(seL4_GetIPCBuffer()), seL4_ReadWrite) ? 0 : vspace;
}

// Runs set_own_space_losing_root below the root, in a mirror whose only cap is the thread's VTable
// slot, until it faults, and tells whether the fault came at once (at the fetch after the system
// call, the store not done). A timer tick taken on the way back to user mode switches to the
// thread again, loading its new address space, where it stores; that is rare, so up to three
// tries (a kernel that reloads the root only on the way back stores in all three).
bool faults_after_losing_own_root() {
    lost_root_fault_ep = alloc_object(seL4_EndpointObject, 0);
    lost_root_next_vspace = mirror_of_root_space();
    KEEL_CHECK(lost_root_fault_ep != 0 && lost_root_next_vspace != 0);
    for (int attempt = 0; attempt < 3; attempt++) {
        seL4_CPtr first = mirror_of_root_space();
        KEEL_CHECK(first != 0);
        lost_root_stage = 0;
        thread_caps[0] = spawn_ipc_thread(set_own_space_losing_root, stacks[0], 100, 1);
        KEEL_CHECK(thread_caps[0] != 0);
        KEEL_CHECK_EQ(seL4_TCB_SetSpace(thread_caps[0], lost_root_fault_ep, root, 0, first, 0), seL4_NoError);
        KEEL_CHECK_EQ(seL4_CNode_Delete(root, first, 64), seL4_NoError);  // the thread's VTable slot holds the last cap
        seL4_Word badge;
        seL4_MessageInfo_t info = keel_recv(lost_root_fault_ep, &badge);  // the thread runs while the root waits
        KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_VMFault);
        seL4_Word address = seL4_GetMR(seL4_VMFault_Addr), ip = seL4_GetMR(seL4_VMFault_IP);
        KEEL_CHECK_EQ(seL4_TCB_Suspend(thread_caps[0]), seL4_NoError);
        if (lost_root_stage == 0 && address == ip) return true;
        KEEL_CHECK(lost_root_stage == 1 && address == 0);
    }
    return false;
}

}  // namespace

KEEL_TEST(THREADS0023, "TCB_SetSpace on the running thread that deletes the last cap to its address space's root leaves it on the kernel's root at once (seL4's deleteASID: setVMRoot of the current thread), not on its new one: it faults at its next fetch, the instruction after the system call") {
    KEEL_CHECK(faults_after_losing_own_root());
}
