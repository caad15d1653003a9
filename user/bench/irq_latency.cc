// The worst-case interrupt latency (./keel bench; the root task keel_latency): the time from an
// interrupt line rising to its handler thread's Wait returning, while a lower-priority thread
// keeps the kernel busy with one of its longest operations, swept over many raise points across
// each operation (docs/performance.md, "Worst-case interrupt latency").
//
// The interrupt comes from a timer the root task's threads arm (latency_arch.h: x86_64's PIT,
// riscv64's goldfish RTC, aarch64's EL1 physical timer), whose line rises a known number of instructions after a counter read
// plus a constant: the instructions from that read to the device's access, measured at start-up
// against a thread spinning on the counter (calibrate_arming_delay), whose registers say at which
// instruction the interrupt took it.
#include <keel/alloc.h>
#include <keel/process.h>
#include <keel/runtime.h>
#include "latency_arch.h"
#include "report.h"

using namespace bench;
using namespace latency;

namespace {

// The smoke build (a test boots it on the checked kernel, whose per-entry checks are linear in the
// number of caps) runs every operation at a small size.
#ifdef KEEL_LATENCY_SMOKE
constexpr bool smoke = true;
#define CAPS "1000"
#define UNTYPED "64 KiB"
#define SENDERS "16"
#define SPACES "8"
#define FAN_OUT "8"
#else
constexpr bool smoke = false;
#define CAPS "100000"
#define UNTYPED "16 MiB"
#define SENDERS "4096"
#define SPACES "512"
#define FAN_OUT "256"
#endif

constexpr seL4_Word handler_priority = 120, root_priority = 100, busy_priority = 99, sender_priority = 98,
                    settled_priority = 95, spinner_priority = 94;
constexpr seL4_Word revoke_caps = smoke ? 1000 : 100000;
constexpr seL4_Word big_cnode_bits = smoke ? 10 : 17;  // holds revoke_caps
constexpr seL4_Word reset_untyped_bits = smoke ? 16 : 24;
constexpr seL4_Word senders = smoke ? 16 : 4096;
constexpr seL4_Word sender_untyped_bits = smoke ? 15 : 23;  // their TCBs
constexpr seL4_Word sender_cnode_bits = smoke ? 4 : 12;  // holds the senders' TCB caps
constexpr seL4_Word pool_vspaces = smoke ? 8 : 512;     // an ASID pool's 512 entries
constexpr seL4_Word vspace_untyped_bits = smoke ? 15 : 21;
constexpr int max_samples = 4096;
constexpr seL4_Word sweep_runs = smoke ? 8 : 256;   // of an operation without preemption points
constexpr seL4_Word refine_steps = smoke ? 2 : 32;  // a step of the sweep is cut into, around its worst
constexpr seL4_Word no_interrupt = ~seL4_Word{0};

// --- threads ------------------------------------------------------------------------------------

struct Thread {
    alignas(16) unsigned char stack[16384];
    alignas(64) unsigned char tls[4096];
    seL4_CPtr tcb;
};
Thread handler, busy, settled, spinner;

// Each thread gets its own 1 KiB of the root task's IPC buffer page (the root task has the first).
void start(Thread& t, void (*entry)(), seL4_Word priority, int buffer_index) {
    t.tcb = keel_alloc_object(seL4_TCBObject, 0);
    auto* buffer = reinterpret_cast<seL4_IPCBuffer*>(reinterpret_cast<seL4_Word>(seL4_GetIPCBuffer()) +
                                                     1024 * static_cast<seL4_Word>(buffer_index));
    keel_start_thread(t.tcb, entry, t.stack + sizeof(t.stack), t.tls, buffer, seL4_CapInitThreadIPCBuffer, priority,
                      0, seL4_CapInitThreadVSpace);
}

bool failed;

void fail(const char* what, seL4_Word error = 0) {
    keel_printf("latency: FAILED: %s (%lu)\n", what, error);
    failed = true;
}

void check(seL4_Word error, const char* what) {
    if (error != seL4_NoError) fail(what, error);
}

// --- the timer -----------------------------------------------------------------------------

seL4_CPtr timer_irq, timer_ntfn;
volatile Arming armed_at;  // the last arming
volatile bool pending;     // its interrupt has not come yet
seL4_Word arming_delay;    // from its stamp to the device's access (calibrated)

void arm(seL4_Word instructions) {
    pending = true;
    arm_timer(instructions, armed_at);
}

seL4_Word raise_time() { return armed_at.stamp + arming_delay + armed_at.nominal; }

// --- the handler: records each interrupt's latency and, during a run, arms the next -----------

struct Samples {
    seL4_Word latency[max_samples];
    int n;
};
Samples samples;

volatile bool armed;         // an operation's run is on: arm the next raise point
volatile bool op_finished;   // the busy thread's operation has returned
volatile bool calibrating;   // the spinner runs: signal the root task instead
volatile seL4_Word handled_at;
volatile int early_interrupts;  // before the raise time computed: the arming was not the one noted
seL4_CPtr calibrated_ntfn, drained_ntfn;
seL4_Word interval_state = 1;

// The shortest interval: 6,700 instructions, or ten interrupts taken from user mode where the
// kernel is slower (a checked kernel), so that the handler never has the next one before it waits.
seL4_Word shortest_interval = 6700;

// The next interval, shortest_interval and up to 53,300 more, from a fixed pseudo-random sequence:
// the raise points fall at every phase of the operation's loops.
seL4_Word next_interval() {
    interval_state = interval_state * 6364136223846793005ull + 1442695040888963407ull;
    return shortest_interval + (interval_state >> 33) % 53300;
}

// The last arming's interrupt came at `now`: its latency is recorded, however late it came, and
// while the operation runs the next raise point is armed.
void take_interrupt(seL4_Word now) {
    pending = false;
    if (calibrating) {
        handled_at = now;
        seL4_Signal(calibrated_ntfn);
        return;
    }
    if (now < raise_time()) early_interrupts = early_interrupts + 1;
    if (samples.n < max_samples) samples.latency[samples.n++] = now - raise_time();
    if (armed && !op_finished && samples.n < max_samples) {
        arm(next_interval());
    } else {
        seL4_Signal(drained_ntfn);
    }
}

// Interrupts with no arming pending (one the firmware's timer left) are only acknowledged. The line
// is dropped before the next arming, which must stay armed (aarch64's timer drops it by stopping).
void handler_thread() {
    for (;;) {
        seL4_Wait(timer_ntfn, nullptr);
        seL4_Word now = counter();
        clear_timer();
        if (pending) take_interrupt(now);
        seL4_IRQHandler_Ack(timer_irq);
    }
}

// --- calibration: the interrupt taken from a thread spinning on the counter ------------------

// The counter value at which an interrupt took the spinner: one past its last read if it stood at
// its jump, two if at the read.
seL4_Word spinner_interrupted_at(const seL4_UserContext& regs) {
    return spinner_last_read(regs) + (regs.*pc_register == reinterpret_cast<seL4_Word>(latency_spin_jump) ? 1 : 2);
}

// Arms the timer while the spinner is the only thread ready; the delay from the arming's stamp to
// the device's access is what is left of the raise time once the nominal delay is taken off. It
// is the largest found: an interrupt that comes while the kernel runs (its own timer's) and not the spinner
// finds the spinner's last read older, and the delay smaller. Most loads must give it; their
// latencies are those from user mode.
bool calibrate_arming_delay() {
    constexpr int loads = 64;
    static seL4_Word raised[loads], handled[loads], delay[loads];
    calibrated_ntfn = keel_alloc_object(seL4_NotificationObject, 0);
    drained_ntfn = keel_alloc_object(seL4_NotificationObject, 0);
    start(spinner, latency_spin, spinner_priority, 3);
    calibrating = true;
    for (int i = 0; i < loads; i++) {
        arm(1700000 + 5867 * static_cast<seL4_Word>(i));  // the spinner runs by then, on a checked kernel too
        seL4_Wait(calibrated_ntfn, nullptr);
        seL4_UserContext regs;
        seL4_TCB_ReadRegisters(spinner.tcb, 0, 0, sizeof(regs) / sizeof(seL4_Word), &regs);
        raised[i] = spinner_interrupted_at(regs);
        handled[i] = handled_at;
        delay[i] = raised[i] - armed_at.stamp - armed_at.nominal;
        if (static_cast<long>(delay[i]) > static_cast<long>(arming_delay)) arming_delay = delay[i];
    }
    calibrating = false;
    seL4_TCB_Suspend(spinner.tcb);
    samples.n = 0;
    for (int i = 0; i < loads; i++) {
        if (delay[i] == arming_delay) samples.latency[samples.n++] = handled[i] - raised[i];
    }
    if (samples.n < loads / 2) fail("the timer's arming delay is not constant", arming_delay);
    return samples.n >= loads / 2;
}

// --- the busy thread: runs one operation each time it is told ----------------------------------

seL4_CPtr ready_ntfn, go_ntfn, finished_ntfn;
void (*volatile busy_op)();
volatile seL4_Word go_at, op_started, op_ended;

// Runs only when every other thread is blocked (the senders a cancel restarted have sent again):
// the next run can start.
void settled_thread() {
    for (;;) seL4_Signal(ready_ntfn);
}

void busy_thread() {
    for (;;) {
        seL4_Wait(go_ntfn, nullptr);
        op_started = counter();
        busy_op();
        op_ended = counter();
        op_finished = true;
        seL4_Signal(finished_ntfn);
    }
}

// --- the operations ----------------------------------------------------------------------------

struct Operation {
    const char* name;
    const char* row;    // its result line
    void (*prepare)();  // by the root task, before each run
    void (*run)();      // one system call by the busy thread
    bool preemptible;   // it takes interrupts all along one run
};

seL4_CPtr ep, scratch;

// Revoke of revoke_caps copies of an endpoint cap (CNode_Revoke: a preemption point per cap).
seL4_CPtr revoke_cnode;

void fill(seL4_CPtr cnode) {
    for (seL4_Word i = 0; i < revoke_caps; i++) {
        check(seL4_CNode_Copy(cnode, i, big_cnode_bits, seL4_CapInitThreadCNode, ep, seL4_WordBits, seL4_AllRights),
              "copy");
    }
}

void prepare_revoke() {
    if (!revoke_cnode) revoke_cnode = keel_alloc_object(seL4_CapTableObject, big_cnode_bits);
    fill(revoke_cnode);
}
void run_revoke() { check(seL4_CNode_Revoke(seL4_CapInitThreadCNode, ep, seL4_WordBits), "revoke"); }

// Deletion of a CNode holding revoke_caps caps (a Zombie: a preemption point per slot).
seL4_CPtr doomed_cnode;

void prepare_cnode_delete() {
    doomed_cnode = keel_alloc_object(seL4_CapTableObject, big_cnode_bits);
    fill(doomed_cnode);
}
void run_cnode_delete() { check(seL4_CNode_Delete(seL4_CapInitThreadCNode, doomed_cnode, seL4_WordBits), "delete"); }

// The reset of a 2^reset_untyped_bits-byte untyped whose memory was all used: the Retype that
// follows its revoke zeroes it (a preemption point per 256 bytes).
seL4_CPtr reset_untyped;

seL4_Error retype(seL4_CPtr untyped, seL4_Word type, seL4_Word bits) {
    return static_cast<seL4_Error>(seL4_Untyped_Retype(untyped, type, bits, seL4_CapInitThreadCNode, 0, 0, scratch, 1));
}

void prepare_reset() {
    if (!reset_untyped) reset_untyped = keel_alloc_object(seL4_UntypedObject, reset_untyped_bits);
    seL4_CNode_Revoke(seL4_CapInitThreadCNode, reset_untyped, seL4_WordBits);
    check(retype(reset_untyped, seL4_UntypedObject, reset_untyped_bits), "retype all of the untyped");
    check(seL4_CNode_Revoke(seL4_CapInitThreadCNode, reset_untyped, seL4_WordBits), "revoke the untyped");
}
void run_reset() { check(retype(reset_untyped, seL4_EndpointObject, 0), "retype after revoke"); }

// CancelBadgedSends on an endpoint with `senders` threads blocked sending with that badge (no
// preemption point, as in seL4). Restarted, they send and block again before the next run.
seL4_CPtr badged_ep, sender_cnode, sender_untyped, sender_slot;

// Registers that make a thread Send an empty message on `ep` for ever: restarted by a cancel, it
// sends again.
void set_sender_registers(seL4_UserContext& regs, seL4_CPtr ep) {
    regs.*pc_register = reinterpret_cast<seL4_Word>(latency_sender);
    regs.*syscall_registers[0] = static_cast<seL4_Word>(seL4_SysSend);
    regs.*syscall_registers[1] = ep;
    regs.*syscall_registers[2] = seL4_MessageInfo_new(0, 0, 0, 0).words[0];
}

void start_sender(seL4_Word index) {
    check(seL4_Untyped_Retype(sender_untyped, seL4_TCBObject, 0, seL4_CapInitThreadCNode, 0, 0, sender_slot, 1),
          "sender TCB");
    // With MCS, a scheduling context of its own (the runtime's round robin).
    check(keel_configure_thread(sender_slot, 0, seL4_CapInitThreadVSpace, 0, 0, sender_priority), "sender configure");
    seL4_UserContext regs{};
    set_sender_registers(regs, badged_ep);
    check(seL4_TCB_WriteRegisters(sender_slot, 0, 0, sizeof(regs) / sizeof(seL4_Word), &regs), "sender registers");
    check(seL4_TCB_Resume(sender_slot), "sender resume");
    check(seL4_CNode_Move(sender_cnode, index, sender_cnode_bits, seL4_CapInitThreadCNode, sender_slot, seL4_WordBits),
          "sender move");
}

void prepare_cancel() {
    if (sender_cnode) return;  // the senders block again by themselves
    badged_ep = keel_alloc_slot();
    sender_cnode = keel_alloc_object(seL4_CapTableObject, sender_cnode_bits);
    check(seL4_CNode_Mint(seL4_CapInitThreadCNode, badged_ep, seL4_WordBits, seL4_CapInitThreadCNode, ep,
                          seL4_WordBits, seL4_AllRights, 1),
          "badged endpoint");
    sender_untyped = keel_alloc_object(seL4_UntypedObject, sender_untyped_bits);
    sender_slot = keel_alloc_slot();
    for (seL4_Word i = 0; i < senders; i++) start_sender(i);
}
void run_cancel() {
    check(seL4_CNode_CancelBadgedSends(seL4_CapInitThreadCNode, badged_ep, seL4_WordBits), "cancel badged sends");
}

// Deletion of an ASID pool whose pool_vspaces entries all hold an address space (no preemption
// point, as in seL4). The address spaces are made again for each run: a deleted pool's spaces
// keep caps that say they are mapped.
seL4_CPtr pool_untyped, vspace_untyped, pool_cap, first_vspace;

void prepare_pool() {
    if (!pool_untyped) {
        pool_untyped = keel_alloc_object(seL4_UntypedObject, seL4_PageBits);
        vspace_untyped = keel_alloc_object(seL4_UntypedObject, vspace_untyped_bits);
        pool_cap = keel_alloc_slot();
        first_vspace = keel_alloc_slot();
        for (seL4_Word i = 1; i < pool_vspaces; i++) keel_alloc_slot();  // consecutive
    }
    seL4_CNode_Revoke(seL4_CapInitThreadCNode, vspace_untyped, seL4_WordBits);
    for (seL4_Word i = 0; i < pool_vspaces; i += 256) {
        seL4_Word n = pool_vspaces - i < 256 ? pool_vspaces - i : 256;
        check(seL4_Untyped_Retype(vspace_untyped, vspace_object, 0, seL4_CapInitThreadCNode, 0, 0,
                                  first_vspace + i, n),
              "address spaces");
    }
    check(make_asid_pool(seL4_CapASIDControl, pool_untyped, seL4_CapInitThreadCNode, pool_cap, seL4_WordBits),
          "make pool");
    for (seL4_Word i = 0; i < pool_vspaces; i++) check(assign_asid(pool_cap, first_vspace + i), "assign");
}
void run_pool_delete() { check(seL4_CNode_Delete(seL4_CapInitThreadCNode, pool_cap, seL4_WordBits), "delete pool"); }

// Retype of the most objects one Retype makes (256, seL4's fan-out limit) from an untyped revoked
// after the last run (no preemption point but in the reset that comes first, as in seL4).
constexpr seL4_Word fan_out = smoke ? 8 : 256;

struct Batch {
    seL4_Word type, object_bits;
    seL4_CPtr untyped = 0, first_slot = 0;
};
Batch address_spaces{vspace_object, vspace_bits}, tcbs{seL4_TCBObject, seL4_TCBBits};

void prepare_batch(Batch& b) {
    if (!b.untyped) {
        b.untyped = keel_alloc_object(seL4_UntypedObject, b.object_bits + (smoke ? 3 : 8));
        b.first_slot = keel_alloc_slot();
        for (seL4_Word i = 1; i < fan_out; i++) keel_alloc_slot();  // consecutive
    }
    seL4_CNode_Revoke(seL4_CapInitThreadCNode, b.untyped, seL4_WordBits);
}
void run_batch(const Batch& b) {
    check(seL4_Untyped_Retype(b.untyped, b.type, 0, seL4_CapInitThreadCNode, 0, 0, b.first_slot, fan_out), "retype");
}
void prepare_address_spaces() { prepare_batch(address_spaces); }
void run_address_spaces() { run_batch(address_spaces); }
void prepare_tcbs() { prepare_batch(tcbs); }
void run_tcbs() { run_batch(tcbs); }

#define LATENCY_OPERATION(name) name, "IRQ latency: " name
const Operation operations[] = {
    {LATENCY_OPERATION("revoke of " CAPS " caps"), prepare_revoke, run_revoke, true},
    {LATENCY_OPERATION("delete of a CNode of " CAPS " caps"), prepare_cnode_delete, run_cnode_delete, true},
    {LATENCY_OPERATION("reset of a " UNTYPED " untyped"), prepare_reset, run_reset, true},
    {LATENCY_OPERATION("cancel badged sends of " SENDERS " senders"), prepare_cancel, run_cancel, false},
    {LATENCY_OPERATION("delete of an ASID pool of " SPACES " address spaces"), prepare_pool, run_pool_delete, false},
    {LATENCY_OPERATION("retype of " FAN_OUT " address spaces"), prepare_address_spaces, run_address_spaces, false},
    {LATENCY_OPERATION("retype of " FAN_OUT " TCBs"), prepare_tcbs, run_tcbs, false},
};

// --- the sweep --------------------------------------------------------------------------------

// One run of `op`: prepared, then started by the busy thread once every other thread has
// blocked. With an offset, the timer is armed to raise its line that many instructions (plus a
// constant) after the go, which is put off by what the timer's ticks rounded the delay up by.
// Returns the largest latency of the run.
seL4_Word run_once(const Operation& op, seL4_Word offset) {
    op.prepare();
    seL4_Wait(ready_ntfn, nullptr);
    busy_op = op.run;
    op_finished = false;
    int first = samples.n;
    if (offset != no_interrupt) {
        seL4_Word rounding = timer_delay(offset) - offset;
        armed = true;  // no interrupt is pending (the last run's was waited for): none comes before this arms
        arm(offset);
        spin_for(rounding);
    }
    go_at = counter();
    seL4_Signal(go_ntfn);
    seL4_Wait(finished_ntfn, nullptr);
    armed = false;
    while (pending) seL4_Wait(drained_ntfn, nullptr);  // the last raise point counts, however late
    seL4_Word max = 0;
    for (int i = first; i < samples.n; i++) max = samples.latency[i] > max ? samples.latency[i] : max;
    return max;
}

// Runs `op` once without an interrupt to learn how long it takes from the go, then sweeps the
// first raise point over that span: two runs of a preemptible operation (each later point an
// interval after the handler ran), sweep_runs of one without preemption points and then the two
// steps around the worst of them in steps refine_steps times finer. Returns the largest latency.
seL4_Word sweep(const Operation& op) {
    run_once(op, no_interrupt);
    seL4_Word span = op_ended - go_at;
    seL4_Word runs = op.preemptible ? 2 : sweep_runs, step = span / runs, worst = 0, worst_offset = 0;
    samples.n = 0;
    for (seL4_Word j = 0; j < runs && samples.n < max_samples; j++) {
        seL4_Word max = run_once(op, j * step);
        if (max > worst) worst = max, worst_offset = j * step;
    }
    seL4_Word around = worst_offset > step ? worst_offset - step : 0;
    for (seL4_Word k = 0; !op.preemptible && k < 2 * refine_steps && samples.n < max_samples; k++) {
        run_once(op, around + k * step / refine_steps);
    }
    keel_printf("latency: %s: %lu instructions without interrupts, from %lu after the go\n", op.name,
                op_ended - op_started, op_started - go_at);
    if (samples.n == 0 || early_interrupts) {
        fail(op.name, static_cast<seL4_Word>(early_interrupts));
        return 0;
    }
    report_runs(op.row, "interrupts", static_cast<seL4_Word>(samples.n), samples.latency, 0, samples.n);
    return samples.latency[samples.n - 1];
}

}  // namespace

int main(seL4_BootInfo*) {
    if (keel_tls_size() > sizeof(handler.tls)) return 1;
    seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, root_priority);
    keel_printf("BENCH-BEGIN\n");
    ep = keel_alloc_object(seL4_EndpointObject, 0);
    scratch = keel_alloc_slot();
    ready_ntfn = keel_alloc_object(seL4_NotificationObject, 0);
    go_ntfn = keel_alloc_object(seL4_NotificationObject, 0);
    finished_ntfn = keel_alloc_object(seL4_NotificationObject, 0);
    timer_irq = keel_alloc_slot();
    timer_ntfn = keel_alloc_object(seL4_NotificationObject, 0);
    if (!set_up_timer(timer_irq) || seL4_IRQHandler_SetNotification(timer_irq, timer_ntfn) != seL4_NoError) {
        keel_printf("latency: FAILED: could not set up the timer's interrupt\n");
        return 1;
    }
    start(handler, handler_thread, handler_priority, 1);
    if (!calibrate_arming_delay()) return 1;
    keel_printf("latency: the timer's access comes %lu instructions after the arming's counter read\n",
                arming_delay);
    report_runs("IRQ latency: from a thread in user mode", "interrupts", static_cast<seL4_Word>(samples.n),
                samples.latency, 0, samples.n);
    if (10 * samples.latency[0] > shortest_interval) shortest_interval = 10 * samples.latency[0];
    start(busy, busy_thread, busy_priority, 2);
    start(settled, settled_thread, settled_priority, 3);
    seL4_Word worst = 0;
    const char* worst_name = "";
    for (const Operation& op : operations) {
        seL4_Word max = sweep(op);
        if (max > worst) worst = max, worst_name = op.name;
    }
    keel_printf("BENCH {\"name\": \"irq_latency_max\", \"max\": %lu, \"operation\": \"%s\"}\n", worst, worst_name);
    if (failed) return 1;  // without BENCH-END: ./keel bench fails
    keel_printf("BENCH-END\n");
    return 0;
}
