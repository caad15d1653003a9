// libFuzzer harness: the kernel core on the simulated machine runs system calls decoded from the
// fuzzer's bytes, made by whichever of three threads the scheduler picks, and after every one the
// whole derivation tree, the ready queues and the endpoint queues are checked. It is built twice:
// classic (keel_syscall_fuzz) and MCS (keel_syscall_fuzz_mcs), what differs in fuzz_classic.cc
// and fuzz_mcs.cc. Every input runs
// twice, once through the slow path only and once taking Call and ReplyRecv through the IPC
// fastpath first (as the x86_64 syscall entry does), in the same memory: afterwards all of
// physical memory and the kernel's threads must be the same byte for byte. A kernel panic, a
// sanitizer report, a broken invariant or a difference is a crash. `./keel fuzz --seconds N`.
// The world has x86_64 address spaces (the kernel's own paging and ASID code runs on the
// simulated MMU and TLB): after every step the coherence of paging structures and caps is
// checked too (arch::check_vspace_coherence).
//
// Input: a sequence of steps. Each step is an operation byte (which system call, a user load or
// store through the TLB, or a timer tick), then what it needs: a cap pointer (mostly a slot of
// the root CNode), a message info (label, length, extra caps, stray capsUnwrapped bits), message
// words and extra-cap pointers; for a load or store, the page, the offset and the value.
#include <cstdio>
#include <cstdlib>
#include "../host/kernel_invariants.h"
#include "fuzz_config.h"
#include "arch/mmu.h"
#include "arch/traps.h"
#include "cspace/cte.h"
#include "generated/invocations.h"
#include "kernel/fastpath.h"
#include "kernel/ipc.h"
#include "kernel/sched.h"
#include "kernel/thread.h"
#include "object/endpoint.h"
#include "object/untyped.h"

void fuzz::broken(const char* what) {
    std::fprintf(stderr, "fuzz: invariant violated: %s\n", what);
    std::abort();
}

void fuzz::retype(HostWorld& w, core::ObjectType type, word bits, word slot, word count, word untyped) {
    word args[] = {static_cast<word>(type), bits, 0, 0, slot, count};
    if (w.call(untyped, static_cast<word>(core::InvocationLabel::UntypedRetype), {args, args + 6}, {2}) != 0) {
        broken("the fuzzer's initial objects could not be made");
    }
}

namespace {

using core::Syscall;
using core::ThreadState;
using fuzz::broken;
using fuzz::Input;

// The root task's world plus two more threads sharing its CSpace and address space, and objects
// to work with.
struct FuzzWorld : HostWorld {
    core::Tcb* threads[3] = {&tcb, nullptr, nullptr};
    static constexpr word big_untyped_slot = 9;

    explicit FuzzWorld(uint8_t* memory) : HostWorld(memory) {
        using T = core::ObjectType;
        tcb.priority = tcb.mcp = 100;
        core::debug_register_tcb(tcb);
        // endpoints 10, 11; notification 12; CNode (16 slots) 13; TCBs 14, 15; frames 16, 17
        retype(T::Endpoint, 0, 10, 2);
        retype(T::Notification, 0, 12, 1);
        retype(T::CapTable, 4, 13, 1);
        retype(T::Tcb, 0, 14, 2);
        retype(T::SmallPage, 0, 16, 2);
        make_address_space();
        for (int i = 1; i <= 2; i++) start_thread(i, *static_cast<core::Tcb*>(root[13 + i].cap.ptr()), root[15 + i]);
        fuzz::prepare_threads(*this, threads);
        core::cte_insert(root[8].cap, root[8], tcb.slot(core::TcbSlot::VTable));
        core::set_current_thread(&tcb);
        host::return_to_user(tcb);
    }

    // ASID control 5, a pool 7 (from the 4 KiB untyped 6), a PML4 8 with ASID 1, a 2 MiB untyped
    // 9, I/O port control 60; frames 49-52 and a large one 56, tables 53-55 mapping 0x1000.
    void make_address_space() {
        using T = core::ObjectType;
        using L = core::InvocationLabel;
        write_original(core::Cap::of_type(core::CapType::AsidControl), root[5]);
        write_original(core::Cap::untyped(phys + 0x400000, 21, false, 0), root[big_untyped_slot]);  // memory is 2 MiB aligned
        write_original(core::Cap::of_type(core::CapType::IoPortControl), root[60]);
        retype(T::Untyped, 12, 6, 1);
        invoke(5, L::X86ASIDControlMakePool, {7, 64}, {6, 2});
        retype(T::Pml4, 0, 8, 1);
        invoke(7, L::X86ASIDPoolAssign, {}, {8});
        retype(T::SmallPage, 0, 49, 4);
        retype(T::PageTable, 0, 53, 1);
        retype(T::PageDirectory, 0, 54, 1);
        retype(T::Pdpt, 0, 55, 1);
        retype(T::LargePage, 0, 56, 1, big_untyped_slot);
        invoke(55, L::X86PDPTMap, {0, 0}, {8});
        invoke(54, L::X86PageDirectoryMap, {0, 0}, {8});
        invoke(53, L::X86PageTableMap, {0, 0}, {8});
        invoke(49, L::X86PageMap, {0x1000, 3, 0}, {8});
    }

    void retype(core::ObjectType type, word bits, word slot, word count, word untyped = untyped_slot) {
        fuzz::retype(*this, type, bits, slot, count, untyped);
    }

    void invoke(word slot, core::InvocationLabel label, std::initializer_list<word> args, std::initializer_list<word> caps) {
        if (call(slot, static_cast<word>(label), {args.begin(), args.end()}, {caps.begin(), caps.end()}) != 0) {
            broken("the fuzzer's initial address space could not be made");
        }
    }

    // A thread with the root CNode, the PML4 8, its own IPC buffer, at priority 100 or 110.
    void start_thread(int i, core::Tcb& t, core::Slot& frame) {
        core::cte_insert(root[2].cap, root[2], t.slot(core::TcbSlot::CTable));
        core::cte_insert(root[8].cap, root[8], t.slot(core::TcbSlot::VTable));
        core::cte_insert(frame.cap, frame, t.slot(core::TcbSlot::Buffer));
        t.priority = static_cast<u8>(90 + 10 * i);
        t.mcp = 255;
        core::set_thread_state(t, ThreadState::Running);
        core::sched_enqueue(t);
        threads[i] = &t;
    }
};

word* ipc_buffer_of(core::Tcb& t) { return core::lookup_ipc_buffer(t, false); }

// Fills `t`'s registers and IPC buffer with a message decoded from the input.
void load_message(core::Tcb& t, Input& in) {
    word label = in.byte() % 64, length = in.byte(), extra = in.byte() % 4, unwrapped = in.byte() % 8;
    length = length >= 0xf8 ? length : length % 8;
    t.context.rdi = in.value();
    t.context.rsi = (label << 12) | (unwrapped << 9) | (extra << 7) | (length & 0x7f);
    fuzz::load_config_registers(t, in);
    word* buffer = ipc_buffer_of(t);
    for (unsigned i = 0; i < (length & 0x7f) && i < 8; i++) {
        word v = in.value();
        if (i < 4) arch::msg_register(t.context, i) = v;
        else if (buffer) buffer[i + 1] = v;
    }
    if (!buffer) return;
    for (unsigned i = 0; i < extra; i++) buffer[1 + 120 + 1 + i] = in.value();
    if (in.byte() & 1) {  // where a received cap goes: CNode, index, depth
        buffer[1 + 120 + 1 + 3] = in.value();
        buffer[1 + 120 + 1 + 4] = in.value();
        buffer[1 + 120 + 1 + 5] = in.value();
    }
}

// A Call or ReplyRecv as the x86_64 syscall entry makes it: the fastpath first, the slow path
// for what it does not take.
void ipc_syscall(core::Tcb& t, Syscall s, bool fastpath) {
    word cptr = arch::cap_register(t.context), info = arch::msg_info_register(t.context);
    word reply = arch::reply_register(t.context);
    if (fastpath && s == Syscall::Call && core::fastpath_call(t, cptr, info)) return;
    if (fastpath && s == Syscall::ReplyRecv && core::fastpath_reply_recv(t, cptr, info, reply)) return;
    core::handle_syscall(t, static_cast<sword>(s));
}

// A user load or store through the simulated TLB and page tables (mostly near the page mapped
// at 0x1000, sometimes anywhere); a page fault enters the kernel as the trap entry does.
void user_access(core::Tcb& t, Input& in) {
    uint8_t how = in.byte();
    word page = how & 0x80 ? in.value() << 12 : 0x1000 + (word{in.byte() % 4u} << 12);
    word vaddr = page + (word{in.byte()} << 3 & 0xff8);
    if (vaddr >> 47 && ~vaddr >> 47) vaddr |= ~word{0} << 47;  // canonical: else a #GP, not simulated
    bool write = how & 1;
    host::UserAccess a = host::user_access(vaddr, write);
    if (a.ok) {
        word* w = static_cast<word*>(arch::phys_to_ptr(round_down(a.paddr, 3)));
        if (write) *w = in.value();
        else t.context.rax = *w;
        return;
    }
    t.context.fault_ip = t.context.rip;
    t.context.vector = arch::vector_page_fault;
    t.context.error = a.fault;
    core::handle_user_exception(t);
}

// What the current thread `t` does in a step.
void thread_step(core::Tcb& t, Input& in, bool fastpath) {
    uint8_t op = in.byte();
    if (op % 16 == 15) {
        fuzz::timer_step(in);
    } else if (op % 16 == 13) {
        user_access(t, in);
    } else if (op % 16 == 14) {
        sword unknown = -static_cast<sword>(in.byte()) - 40;  // an unknown number: a fault
        core::handle_syscall(t, unknown);
    } else {
        load_message(t, in);
        bool preempt = op & 0x80;  // an interrupt pending: long operations stop at their first check
        host::set_interrupt_pending(preempt);
        std::span<const Syscall> calls = fuzz::api_calls();
        ipc_syscall(t, calls[op % 16 % calls.size()], fastpath);
        host::set_interrupt_pending(false);
    }
}

// One step: returns false when the run is over (nothing can run, or the machine stopped). With
// no thread to run, a step's byte is spent on the idle loop (MCS: it waits for the timer).
bool step(Input& in, bool fastpath) {
    core::Tcb* t = core::current_thread();
    if (t) {
        thread_step(*t, in, fastpath);
    } else {
        in.byte();
        if (!fuzz::idle_until_deadline()) return false;
    }
    host::take_console_output();
    core::Tcb* next = core::schedule();
    if (next) {
        core::activate_thread(*next);
        host::return_to_user(*next);
    }
    return true;
}

void check_invariants(const FuzzWorld& w) {
    if (const char* why = check_kernel_invariants(w.root, word{1} << w.root_radix)) broken(why);
    if (const char* why = arch::check_vspace_coherence(w.root, word{1} << w.root_radix)) broken(why);
}


// What a run leaves: all of physical memory, the root thread (outside it), the current thread.
struct Outcome {
    std::vector<uint8_t> memory;
    std::vector<uint8_t> root_thread;
    core::Tcb* current;
    size_t steps;
};

// Every run builds its world in the same memory, so the two runs' objects share addresses.
alignas(word{1} << 21) uint8_t memory[HostWorld::phys_size];
alignas(FuzzWorld) unsigned char world_storage[sizeof(FuzzWorld)];

Outcome run(const uint8_t* data, size_t size, bool fastpath) {
    auto* world = new (world_storage) FuzzWorld(memory);
    Input in(data, size);
    size_t steps = 0;
    try {
        while (!in.done() && step(in, fastpath)) {
            check_invariants(*world);
            steps++;
        }
    } catch (const host::Halted& h) {
        if (h.reason != arch::HaltReason::DebugHalt) {
            std::fprintf(stderr, "fuzz: the kernel halted (reason %d)\n", static_cast<int>(h.reason));
            std::abort();
        }
    }
    auto* root = reinterpret_cast<const uint8_t*>(&world->tcb);
    Outcome out{{memory, memory + sizeof(memory)}, {root, root + sizeof(core::Tcb)}, core::current_thread(), steps};
    world->~FuzzWorld();
    return out;
}

void compare_bytes(const std::vector<uint8_t>& slow, const std::vector<uint8_t>& fast, const char* what) {
    if (std::memcmp(slow.data(), fast.data(), slow.size()) == 0) return;
    for (size_t i = 0; i < slow.size(); i++) {
        if (slow[i] != fast[i]) {
            std::fprintf(stderr, "fuzz: %s differs at offset %#zx: %#x without the fastpath, %#x with it\n", what, i,
                         slow[i], fast[i]);
            broken("the fastpath leaves the kernel in another state than the slow path");
        }
    }
}

void compare(const Outcome& slow, const Outcome& fast) {
    if (slow.steps != fast.steps) broken("the fastpath run took a different number of steps");
    if (slow.current != fast.current) broken("the fastpath run ends in another thread");
    compare_bytes(slow.root_thread, fast.root_thread, "the root thread's TCB");
    compare_bytes(slow.memory, fast.memory, "physical memory");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    Outcome slow = run(data, size, false);
    Outcome fast = run(data, size, true);
    compare(slow, fast);
    return 0;
}
