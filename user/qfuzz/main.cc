// The QEMU fuzzer's root task: from a seed, random system calls, invocations and user exceptions
// against the debug kernel, which checks its invariants after every entry (see README.md).
#include <keel/alloc.h>
#include <keel/ipc.h>
#include "qfuzz.h"

namespace {

// The seed block. tools/qfuzz.py finds the magic in a copy of this ELF and overwrites seed and
// steps; the values here are the fixed-seed smoke run of ./keel test. Volatile, so the compiler
// cannot fold the defaults in.
struct SeedBlock {
    char magic[16];
    seL4_Word seed, steps;
};
[[gnu::used]] volatile SeedBlock seed_block = {{'Q', 'F', 'U', 'Z', 'Z', '-', 'S', 'E', 'E', 'D', '-', 'B', 'L', 'O', 'C', 'K'},
                                               1, 20000};

constexpr seL4_Word report_every = 500, reset_every = 400;

// The root task's own system calls with random words: it has no fault handler, so it only makes
// calls that cannot fault it (NBSend never faults; NBRecv only on an endpoint).
void root_syscall() {
    switch (qfuzz::rng.below(3)) {
    case 0: seL4_Yield(); break;
    case 1: {  // only from an endpoint: a notification bound to a worker would cap-fault the root task
        seL4_CPtr source = qfuzz::supply_slot();
        seL4_Word badge, info, m0, m1, m2, m3;
        if (seL4_DebugCapIdentify(source) == 4) keel_sys_recv(seL4_SysNBRecv, source, &badge, &info, &m0, &m1, &m2, &m3);
        break;
    }
    default: {
        seL4_CPtr target = qfuzz::supply_slot();
        seL4_MessageInfo_t info = seL4_MessageInfo_new(qfuzz::rng.next() & 0xfffff, 0, 0, qfuzz::rng.below(8));
        keel_sys_send(seL4_SysNBSend, target, info.words[0], qfuzz::interesting_word(), qfuzz::interesting_word(),
                     qfuzz::interesting_word(), qfuzz::interesting_word());
    }
    }
}

void step() {
    seL4_Word r = qfuzz::rng.below(100);
    if (r < 60) {
        qfuzz::invoke_random();
    } else if (r < 85) {
        qfuzz::give_worker_action();
    } else if (r < 90) {
        qfuzz::recycle_worker(qfuzz::rng.below(qfuzz::workers));
    } else {
        root_syscall();
    }
    seL4_Yield();  // the workers share the root task's priority
}

}  // namespace

// The framework's check hook (thread_helpers.cc reports through it).
void keel_test_fail(const char* file, int line, const char* what) {
    keel_printf("QFUZZ-CHECK-FAILED %s:%d: %s\n", file, line, what);
}

int main(seL4_BootInfo*) {
    seL4_Word seed = seed_block.seed, steps = seed_block.steps;
    qfuzz::rng.state = seed * 0x9e3779b97f4a7c15ul + 0x1234567;
    keel_printf("QFUZZ-START seed=%lu steps=%lu\n", seed, steps);
    seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 100);
    qfuzz::start_workers();
    qfuzz::refill_supply();
    for (seL4_Word n = 1; n <= steps; n++) {
        step();
        if (n % reset_every == 0) {
            qfuzz::reset_supply();
            qfuzz::refill_supply();
        }
        if (n % report_every == 0) keel_printf("QFUZZ steps=%lu faults=%lu\n", n, qfuzz::faults_seen());
    }
    for (unsigned w = 0; w < qfuzz::workers; w++) seL4_TCB_Suspend(qfuzz::worker_tcb(w));
    // Its own line: ./keel fuzz --qemu rejects it; the smoke tests do not yet (see README.md).
    if (qfuzz::registers_lost) keel_printf("QFUZZ-REGISTERS-LOST %lu times\n", qfuzz::registers_lost);
    keel_printf("QFUZZ-END steps=%lu seed=%lu faults=%lu (cap %lu, unknown syscall %lu, user exception %lu, vm %lu) "
                "bad_fault_messages=%lu\n",
                steps, seed, qfuzz::faults_seen(), qfuzz::faults_with_label(seL4_Fault_CapFault),
                qfuzz::faults_with_label(seL4_Fault_UnknownSyscall), qfuzz::faults_with_label(seL4_Fault_UserException),
                qfuzz::faults_with_label(seL4_Fault_VMFault), qfuzz::bad_fault_messages());
    seL4_DebugHalt();
    return 0;
}
