// The QEMU fuzzer root task's shared parts: the seeded generator, the cap supply, the workers.
#pragma once
#include <keel/arch.h>
#include <keel/runtime.h>

namespace qfuzz {

// xorshift64*: every choice the root task makes comes from one of these, seeded from the seed block.
struct Rng {
    seL4_Word state;
    seL4_Word next() {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return state * 0x2545f4914f6cdd1dul;
    }
    seL4_Word below(seL4_Word n) { return n ? next() % n : 0; }
    bool chance(unsigned percent) { return below(100) < percent; }
    template <class T, unsigned N> T pick(const T (&items)[N]) { return items[below(N)]; }
};

extern Rng rng;

// The root task's code, data and stacks live below this; no generated register value, store address
// or mapping of the root's VSpace lands in [protected_lo, protected_hi).
constexpr seL4_Word protected_lo = 0x200000, protected_hi = 0x10000000;
// Where fuzzed frames get mapped and workers load and store.
constexpr seL4_Word window_lo = 0x10000000, window_hi = 0x20000000;

// Words that tend to find edge cases: boundaries, canonical limits, window addresses.
seL4_Word interesting_word();
// A page in the window, now and then 2 MiB aligned.
seL4_Word window_address();
// A value safe to put in a register of a thread sharing the root task's memory.
seL4_Word register_word();
inline seL4_Word unprotected(seL4_Word w) { return w >= protected_lo && w < protected_hi ? w ^ 0x30000000 : w; }

// The supply: root CNode slots [supply_base, supply_base + supply_size) that fuzzed operations may
// fill, empty and overwrite. Nothing outside it is ever the target of a destructive operation.
constexpr unsigned supply_size = 192;
extern seL4_CPtr supply_base;
inline seL4_CPtr supply_slot() { return supply_base + rng.below(supply_size); }

struct Infra {
    seL4_CPtr pool;           // untyped the supply's objects are retyped from (revoked at each reset)
    seL4_CPtr vspace2;        // the second address space's PML4 (own ASID pool)
    seL4_CPtr authority;      // a TCB with MCP 100: fuzzed SetPriority can never starve the root task
};
extern Infra infra;

// Fills the supply with fresh objects and copies of the workers' caps.
void refill_supply();
// Deletes every supply slot and revokes the pool: the supply is empty again.
void reset_supply();
// One fuzzed invocation of a supply or control cap.
void invoke_random();

// One invocation's pattern: a letter per argument word and per extra cap (supply.cc: word_for, cap_for).
struct Shape {
    seL4_Word label;
    const char* words;
    const char* caps;
};
template <unsigned N> const Shape* shapes_of(const Shape (&s)[N], unsigned* n) {
    *n = N;
    return s;
}

// Worker threads: half in the root task's VSpace, half in the second one; each faults to an
// endpoint served by a handler thread that checks every fault message.
constexpr unsigned workers = 6;
void start_workers();
void give_worker_action();
void recycle_worker(unsigned index);
seL4_CPtr worker_tcb(unsigned index);
unsigned long faults_seen();
unsigned long bad_fault_messages();
unsigned long faults_with_label(seL4_Word label);
// Times a worker found its own registers changed across a system call that must keep them.
extern volatile unsigned long registers_lost;

// What differs per architecture (arch/<arch>/qfuzz_arch.h declares the worker kinds, arch.cc the rest).
namespace arch {
// The labels of the architecture's cap types (paging, ASID pool, IRQ handler, I/O ports), or nullptr.
const Shape* shapes_for(seL4_Word tag, unsigned* n);
// A word for pattern letters only the architecture knows ('P': an I/O port).
seL4_Word word_for(char kind);
// Boundary values of the architecture's address space.
seL4_Word interesting_address();
// The architecture's control caps (IRQControl, ASIDControl, IOPortControl) invoked into `dest`,
// `which` below control_kinds.
extern const unsigned control_kinds;
void invoke_control(unsigned which, seL4_CPtr dest, seL4_Word depth);
// Retypes the architecture's paging objects into the supply from `next`; returns the next free slot.
seL4_CPtr refill_paging(seL4_CPtr next);
// Issues an ASID pool, an IRQ handler (and an I/O port cap) into the supply from `next`.
seL4_CPtr refill_controls(seL4_CPtr next);
// An ASID pool from the 4 KiB untyped `untyped` into `dest`, and `vspace` assigned to it.
seL4_Error make_asid_pool(seL4_CPtr untyped, seL4_CPtr dest);
seL4_Error assign_asid(seL4_CPtr pool, seL4_CPtr vspace);

// Worker side: the user exception of worker kind `kind` (one of the arch's Kind values that
// workers.cc does not handle itself), a system call with every argument register chosen, Yield
// by registers only.
void raise(seL4_Word kind, seL4_Word a, seL4_Word b);
void raw_syscall(seL4_Word sys, seL4_Word a, seL4_Word b, seL4_Word c, seL4_Word d);
void raw_yield();
// Registers that start a thread at `pc` on the empty stack ending at `stack_top`.
seL4_UserContext fresh_registers(seL4_Word pc, seL4_Word stack_top);
// Moves the root task past the system call instruction it faulted on; false if it was not one.
bool skip_syscall(seL4_UserContext& regs);
// The words of a fault reply that restarts a thread at `regs` (UserException or UnknownSyscall),
// set in the message registers; returns their number, 0 when the label has none.
seL4_Word restart_reply(seL4_Word label, const seL4_UserContext& regs, Rng& rng);
// Addresses a worker loads from, stores to or jumps to that the kernel must refuse.
seL4_Word fault_address(Rng& rng);
}  // namespace arch

}  // namespace qfuzz
