// The QEMU fuzzer's workers: threads that fault on purpose and make random system calls, in the
// root task's VSpace and in a second one, and the handler thread that checks their fault messages.
#include <keel/alloc.h>
#include <keel/process.h>
#include "../tests/thread_helpers.h"
#include "qfuzz.h"
#include <qfuzz_arch.h>

namespace qfuzz {
namespace {

using keel::root;

struct Action {
    volatile seL4_Word kind, a, b, c;
};

keel::ThreadStack stacks[workers];
Action actions[workers];
seL4_CPtr tcbs[workers], fault_caps[workers + 1], fault_ep;
constexpr seL4_Word root_badge = workers + 1;
volatile unsigned long faults, bad_messages, by_label[8];
Rng handler_rng;

bool in_second_space(unsigned w) { return w % 2 == 1; }

void perform(seL4_Word kind, seL4_Word a, seL4_Word b, seL4_Word c) {
    switch (kind) {
    case idle: break;
    case load: (void)*reinterpret_cast<volatile seL4_Word*>(a); break;
    case store: *reinterpret_cast<volatile seL4_Word*>(unprotected(a)) = 0xcccccccccccccccc; break;  // x86: int3s
    case syscall_any:
    case ipc: arch::raw_syscall(a, b, c, c ^ b, b + c); break;
    case tls_base: arch::raw_syscall(seL4_SysSetTLSBase, a, 0, 0, 0); break;
    case jump: reinterpret_cast<void (*)()>(unprotected(a))(); break;
    default: arch::raise(kind, a, b); break;
    }
}

// A worker's whole life: take the action the root task last posted, do it, yield. It finds its
// index from its stack, so any restart at this entry point with a fresh stack is a clean one.
[[noreturn]] void worker_entry() {
    seL4_Word here = reinterpret_cast<seL4_Word>(__builtin_frame_address(0));
    seL4_Word index = (here - reinterpret_cast<seL4_Word>(stacks)) / sizeof(keel::ThreadStack);
    if (index >= workers) __builtin_trap();
    for (;;) {
        Action& act = actions[index];
        seL4_Word kind = act.kind;
        act.kind = idle;
        perform(kind, act.a, act.b, act.c);
        arch::raw_yield();
    }
}

// Fresh registers: at worker_entry on an empty stack.
seL4_UserContext fresh_registers(unsigned w) {
    return arch::fresh_registers(reinterpret_cast<seL4_Word>(worker_entry), stacks[w].top());
}

seL4_Word syscall_number() {
    // Not DebugPutChar, DebugDumpScheduler, DebugHalt, DebugSnapshot, DebugNameThread: they print
    // or halt by design (seL4 halts on a bad DebugNameThread too).
    seL4_Word n = rng.chance(60) ? -seL4_Word{1} - rng.below(40) : interesting_word();
    return n >= -seL4_Word{14} && n <= -seL4_Word{9} ? -seL4_Word{30} : n;
}

// A cap pointer for a worker's system call: a supply slot or one that names nothing, never a slot
// holding the root task's own caps (the fault endpoints among them).
seL4_Word worker_cptr() {
    const seL4_Word nothing[] = {0, 4096, 0xfff000, ~seL4_Word{0}, seL4_Word{1} << 63};
    return rng.chance(85) ? supply_slot() : rng.pick(nothing);
}

// The length seL4 gives each fault label; a cap fault's is IP, address, receive phase, then the
// lookup failure: its type and 0 (invalid root) to 3 (guard mismatch) more words.
bool well_formed(seL4_MessageInfo_t info) {
    seL4_Word len = seL4_MessageInfo_get_length(info);
    switch (seL4_MessageInfo_get_label(info)) {
    case seL4_Fault_CapFault: {
        seL4_Word type = seL4_GetMR(seL4_CapFault_LookupFailureType);
        return type >= seL4_InvalidRoot && type <= seL4_GuardMismatch && len == 3 + type;
    }
    case seL4_Fault_UnknownSyscall: return len == seL4_UnknownSyscall_Length;
    case seL4_Fault_UserException: return len == seL4_UserException_Length;
    case seL4_Fault_VMFault: return len == seL4_VMFault_Length;
    default: return false;
    }
}

// The root task cap-faults only when a worker emptied a slot between its DebugCapIdentify and its
// Call: skip the syscall instruction and let it go on.
void handle_root_fault(seL4_Word label) {
    if (label != seL4_Fault_CapFault) {
        keel_printf("QFUZZ-ROOT-FAULT label=%lu ip=0x%lx\n", label, seL4_GetMR(0));
        return;
    }
    seL4_UserContext regs;
    seL4_TCB_ReadRegisters(seL4_CapInitThreadTCB, false, 0, KEEL_CONTEXT_WORDS, &regs);
    arch::skip_syscall(regs);
    seL4_TCB_WriteRegisters(seL4_CapInitThreadTCB, true, 0, KEEL_CONTEXT_WORDS, &regs);
}

// Sends a worker back to its entry point: by a fault reply that rewrites its registers when the
// fault kind allows it, else by suspending it and writing fresh registers.
void restart_worker(unsigned w, seL4_Word label) {
    seL4_UserContext regs = fresh_registers(w);
    bool by_reply = handler_rng.chance(70);
    seL4_Word words = by_reply ? arch::restart_reply(label, regs, handler_rng) : 0;
    if (words) {
        seL4_Reply(seL4_MessageInfo_new(0, 0, 0, words));
    } else {
        recycle_worker(w);
    }
}

void handler_loop() {
    for (;;) {
        seL4_Word badge;
        seL4_MessageInfo_t info = seL4_Recv(fault_ep, &badge);
        faults = faults + 1;
        seL4_Word label = seL4_MessageInfo_get_label(info);
        by_label[label & 7] = by_label[label & 7] + 1;
        if (!well_formed(info)) {
            bad_messages = bad_messages + 1;
            keel_printf("QFUZZ-BAD-FAULT-MESSAGE badge=%lu label=%lu length=%lu\n", badge, label,
                        seL4_MessageInfo_get_length(info));
        }
        if (badge == root_badge) {
            handle_root_fault(label);
        } else if (badge >= 1 && badge <= workers) {
            restart_worker(static_cast<unsigned>(badge - 1), label);
        }
    }
}

// The second address space: its own ASID pool and PML4, the root task's image frames mapped at
// the same addresses (so its workers run the same code on the same stacks).
seL4_CPtr make_second_space() {
    seL4_CPtr asid_untyped = keel::alloc_untyped(12), pool = keel::alloc_slot();
    arch::make_asid_pool(asid_untyped, pool);
    seL4_CPtr pml4 = keel::alloc_object(KEEL_VSPACE_OBJECT, 0);
    if (arch::assign_asid(pool, pml4) != seL4_NoError) keel_printf("QFUZZ-SETUP: no second ASID pool\n");
    if (keel_map_root_image(pml4)) keel_printf("QFUZZ-SETUP: cannot map the image\n");
    return pml4;
}

seL4_CPtr badged_fault_cap(seL4_Word badge) {
    seL4_CPtr slot = keel::alloc_slot();
    seL4_CNode_Mint(root, slot, 64, root, fault_ep, 64, seL4_AllRights, badge);
    return slot;
}

}  // namespace

volatile unsigned long registers_lost;

seL4_CPtr worker_tcb(unsigned index) { return tcbs[index]; }
unsigned long faults_seen() { return faults; }
unsigned long bad_fault_messages() { return bad_messages; }
unsigned long faults_with_label(seL4_Word label) { return by_label[label & 7]; }

void recycle_worker(unsigned w) {
    seL4_TCB_Suspend(tcbs[w]);
    seL4_TCB_UnbindNotification(tcbs[w]);
    seL4_TCB_Configure(tcbs[w], fault_caps[w], root, 0, in_second_space(w) ? infra.vspace2 : seL4_CapInitThreadVSpace,
                       0, 0, 0);
    seL4_TCB_SetPriority(tcbs[w], seL4_CapInitThreadTCB, 100);
    actions[w].kind = idle;
    seL4_UserContext regs = fresh_registers(w);
    seL4_TCB_WriteRegisters(tcbs[w], true, 0, KEEL_CONTEXT_WORDS, &regs);
}

void start_workers() {
    static keel::ThreadStack handler_stack;
    fault_ep = keel::alloc_object(seL4_EndpointObject, 0);
    for (seL4_Word b = 1; b <= root_badge; b++) fault_caps[b - 1] = badged_fault_cap(b);
    handler_rng.state = rng.next() | 1;
    infra.vspace2 = make_second_space();
    infra.authority = keel::alloc_object(seL4_TCBObject, 0);
    seL4_TCB_SetMCPriority(infra.authority, seL4_CapInitThreadTCB, 100);
    // The root task's own faults (a race with a worker, see handle_root_fault) go to the handler too.
    seL4_TCB_SetSpace(seL4_CapInitThreadTCB, fault_caps[workers], root, 0, seL4_CapInitThreadVSpace, 0);
    if (!keel::spawn_ipc_thread(handler_loop, handler_stack, 101, 1)) keel_printf("QFUZZ-SETUP: no handler\n");
    for (unsigned w = 0; w < workers; w++) {
        tcbs[w] = keel::alloc_object(seL4_TCBObject, 0);
        recycle_worker(w);
    }
}

void give_worker_action() {
    unsigned w = static_cast<unsigned>(rng.below(workers));
    seL4_Word kind = 1 + rng.below(kinds - 1), a = arch::fault_address(rng), b = rng.next(), c = rng.next();
    if (kind == syscall_any) a = syscall_number();
    if (kind == ipc) {
        a = -seL4_Word{1} - rng.below(8);  // Call .. NBRecv
        b = worker_cptr();
        c = rng.chance(70) ? seL4_MessageInfo_new(rng.below(nArchInvocationLabels + 2), 0, 0, rng.below(5)).words[0] : c;
    }
    if (kind == store || kind == load) a = rng.chance(60) ? window_address() : a;
    actions[w].a = a;
    actions[w].b = b;
    actions[w].c = c;
    actions[w].kind = kind;
}

}  // namespace qfuzz
