// CNODEOP, classic configuration only (docs/mcs.md): SaveCaller, and a revoke's preemption timed
// against the tick-based time slice.
#include "thread_helpers.h"

using namespace keel;

KEEL_TEST(CNODEOP0016, "SaveCaller with no caller does nothing; an occupied slot is DeleteFirst") {
    seL4_CPtr s = alloc_slot();
    KEEL_CHECK_EQ(seL4_CNode_SaveCaller(root, s, 64), seL4_NoError);
    KEEL_CHECK_EQ(cap_type(s), tag_null);
    KEEL_CHECK_EQ(seL4_CNode_SaveCaller(root, seL4_CapDomain, 64), seL4_DeleteFirst);
}

namespace {
volatile seL4_Word revoke_progress;
ThreadStack revoke_stack;
void count_forever() {
    for (;;) revoke_progress = revoke_progress + 1;
}

// The revoke must outlast several time slices: 20,000 caps per millisecond of the configured
// slice (CONFIG_TIME_SLICE ticks of CONFIG_TIMER_TICK_MS), 200,000 by default. (The timer runs on
// the host's clock: on an idle host QEMU revokes 100,000 caps in about 7 ms.)
constexpr seL4_Word time_slice_ms = CONFIG_TIME_SLICE * CONFIG_TIMER_TICK_MS;
constexpr seL4_Word revoke_count = 20000 * time_slice_ms;
constexpr unsigned child_cnode_bits = 17;
constexpr seL4_Word child_cnodes = (revoke_count + (1ul << child_cnode_bits) - 1) >> child_cnode_bits;
static_assert(child_cnodes <= 8);

// The smallest n with 2^n bytes >= `bytes`.
constexpr unsigned size_bits_for(seL4_Word bytes) {
    unsigned n = 0;
    while ((seL4_Word{1} << n) < bytes) n++;
    return n;
}

// `count` endpoints from `ut`, their caps filling the CNodes `nodes` in turn; false on an error.
bool retype_endpoints_into(seL4_CPtr ut, const seL4_CPtr* nodes, seL4_Word count) {
    constexpr seL4_Word per_retype = 256;
    for (seL4_Word done = 0; done < count; done += per_retype) {
        seL4_Word n = count - done < per_retype ? count - done : per_retype;
        seL4_CPtr node = nodes[done >> child_cnode_bits];
        seL4_Word offset = done & ((1ul << child_cnode_bits) - 1);
        if (seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, node, 0, 0, offset, n) != seL4_NoError) return false;
    }
    return true;
}
}  // namespace

namespace {
struct TimedRevoke {
    seL4_Word ms;      // how long the revoke took
    seL4_Word during;  // how often the counter ran meanwhile
};

// Fills `nodes` with `revoke_count` endpoints from `ut`, waits until the counter has had a turn
// (so the root starts with a fresh time slice), then revokes them all, timed.
TimedRevoke revoke_endpoints_timed(seL4_CPtr ut, const seL4_CPtr* nodes) {
    KEEL_CHECK(retype_endpoints_into(ut, nodes, revoke_count));
    revoke_progress = 0;
    while (revoke_progress == 0) {
    }
    seL4_Word progress_before = revoke_progress;
    seL4_Word start = read_tsc();
    KEEL_CHECK_EQ(seL4_CNode_Revoke(root, ut, 64), seL4_NoError);
    seL4_Word cycles = read_tsc() - start, per_ms = tsc_cycles_per_ms();
    seL4_Word during = revoke_progress - progress_before;
    KEEL_CHECK(per_ms > 0);
    TimedRevoke r{per_ms ? cycles / per_ms : 0, during};
    keel_printf("# CNODEOP0019: the revoke took %lu ms (time slice %lu ms); the counter ran %lu times meanwhile\n",
                r.ms, time_slice_ms, r.during);
    return r;
}
}  // namespace

// seL4's preemption accounting: the timer stops the revoke many times, and each time seL4 takes
// the interrupt inside the system call while the root is still in Restart; timerTick charges only
// Running threads, so the revoke keeps the processor against a thread of its own priority until
// it is done, however many time slices it spans. The timer runs on the host's clock, so a host
// that stalls QEMU in the few instructions the root runs in user mode between restarts can
// charge it ticks there; the revoke is tried up to three times for one clean run. Under the old
// rule (a tick charged at every restart) every run lets the counter in.
KEEL_TEST(CNODEOP0019, "revoking 20,000 derived caps per ms of time slice (200,000 by default) spans several time slices, preempted and restarted, and no same-priority thread runs meanwhile") {
    constexpr unsigned ut_bits = size_bits_for(revoke_count * 16);  // room for the 16-byte endpoints
    seL4_CPtr nodes[child_cnodes];  // CNodes of 2^17 slots for the children
    for (seL4_CPtr& node : nodes) {
        node = alloc_slot();
        KEEL_CHECK_EQ(seL4_Untyped_Retype(alloc_untyped(child_cnode_bits + 5), seL4_CapTableObject, child_cnode_bits,
                                          root, 0, 0, node, 1),
                      seL4_NoError);
    }
    seL4_CPtr ut = alloc_untyped(ut_bits);
    KEEL_CHECK_EQ(seL4_DebugCapIdentify(seL4_CapInitThreadCNode), tag_cnode);
    KEEL_CHECK_EQ(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 50), seL4_NoError);
    seL4_CPtr counter = spawn_thread(count_forever, revoke_stack, 50, true);
    TimedRevoke r{};
    for (int attempt = 0; attempt < 3; attempt++) {
        r = revoke_endpoints_timed(ut, nodes);
        if (r.ms > time_slice_ms && r.during == 0) break;
    }
    KEEL_CHECK(r.ms > time_slice_ms);  // the revoke outlasted the root's time slice...
    KEEL_CHECK_EQ(r.during, 0);  // ...and the counter never got one in the middle
    seL4_Word progress_before = revoke_progress;
    seL4_Yield();
    KEEL_CHECK(revoke_progress > progress_before);  // it was runnable all along
    KEEL_CHECK_EQ(seL4_TCB_Suspend(counter), seL4_NoError);
    for (seL4_CPtr node : nodes) KEEL_CHECK_EQ(seL4_CNode_Delete(node, 0, child_cnode_bits), seL4_NoError);  // none left
    KEEL_CHECK_EQ(seL4_Untyped_Retype(ut, seL4_UntypedObject, ut_bits, root, 0, 0, alloc_slot(), 1), seL4_NoError);
}
