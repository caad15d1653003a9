// SCHED, classic configuration only (docs/mcs.md): round robin by timer ticks.
#include "thread_helpers.h"

using namespace keel;

namespace {
ThreadStack stacks[2];
volatile seL4_Word spin_count[2];
void spinner0() {
    for (;;) spin_count[0] = spin_count[0] + 1;
}
void spinner1() {
    for (;;) spin_count[1] = spin_count[1] + 1;
}
}  // namespace

KEEL_TEST(SCHED0002, "the timer preempts: threads of one priority that never yield all make progress") {
    spin_count[0] = 0;
    spin_count[1] = 0;
    KEEL_CHECK_EQ(set_own_priority(50), seL4_NoError);
    seL4_CPtr a = spawn_thread(spinner0, stacks[0], 50, true);
    seL4_CPtr b = spawn_thread(spinner1, stacks[1], 50, true);
    // Nobody yields: the root sees both counters move only if time slices run out.
    for (seL4_Word i = 0; (spin_count[0] == 0 || spin_count[1] == 0) && i < (1ul << 40); i++) {
    }
    KEEL_CHECK(spin_count[0] != 0);
    KEEL_CHECK(spin_count[1] != 0);
    KEEL_CHECK_EQ(seL4_TCB_Suspend(a), seL4_NoError);
    KEEL_CHECK_EQ(seL4_TCB_Suspend(b), seL4_NoError);
}
