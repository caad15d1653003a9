// System call dispatch.
#include "syscall/syscall.h"
#include "arch/halt.h"
#include "arch/mmu.h"
#include "arch/traps.h"
#include "generated/syscalls.h"
#include "kernel/capdl.h"
#include "kernel/console.h"
#include "kernel/fault.h"
#include "cspace/invariants.h"
#include "cspace/lookup.h"
#include "generated/config.h"
#include "kernel/ipc.h"
#include "object/endpoint.h"
#include "object/reply.h"
#include "kernel/sched.h"
#include "kernel/sched_time.h"
#include "kernel/user_error.h"
#include "syscall/invocation.h"
#include "syscall/message.h"

namespace core {
namespace {

// The root CNode, from which the invariant checks follow every derivation chain.
Slot* invariant_slots = nullptr;
word invariant_count = 0;
word invariant_cursor = 0;  // where the next per-entry check starts
word entries_since_vspace_check = 0;

void check_all_invariants() {
    if (!config::debug_build || !invariant_slots) return;
    const char* why = check_cspace_invariants(invariant_slots, invariant_count);
    kprintf("Invariants: every derivation chain from the %lu root CNode slots checked: %s\n", invariant_count,
            why ? why : "clean");
    const char* vspaces = arch::check_vspace_coherence(invariant_slots, invariant_count);
    kprintf("Invariants: every user mapping recorded by a cap, no thread on a dead ASID: %s\n",
            vspaces ? vspaces : "clean");
    if (why || vspaces) arch::halt(arch::HaltReason::Panic);
}

// A debug kernel checks the whole derivation tree once before it stops, so every run that
// ends in DebugHalt (the stress test, the demo) ends with a full check.
void debug_halt(Tcb& thread) {
    kprintf("Debug halt syscall from user thread %p \"%s\"\n", static_cast<void*>(&thread), thread.name);
    check_all_invariants();
    arch::halt(arch::HaltReason::DebugHalt);
}

void debug_snapshot(Tcb& thread) {
    kprintf("Debug snapshot syscall from user thread %p \"%s\"\n", static_cast<void*>(&thread), thread.name);
    print_capdl_snapshot();
}

// MCS: the reply object the reply register names, for a Recv on an endpoint; nullptr, having
// raised the cap fault, when it names no reply cap (seL4's lookupReply).
Reply* lookup_reply(Tcb& thread) {
    word cptr = arch::reply_register(thread.context);
    auto slot = lookup_slot(thread, cptr);
    if (!slot) {
        user_error("Reply cap lookup failed");
        handle_cap_fault(thread, cptr, true, slot.error());
        return nullptr;
    }
    if (slot.value()->cap.type() != CapType::Reply) {
        user_error("Cap in reply slot is not a reply cap");
        handle_cap_fault(thread, cptr, true, LookupFault::missing_capability(0));
        return nullptr;
    }
    return static_cast<Reply*>(slot.value()->cap.ptr());
}

// Recv on an endpoint. Classic: the thread's outstanding reply cap goes first. MCS: with
// `can_reply` (Recv, NBRecv, ReplyRecv), the next caller waits on the reply object named.
void receive_on_endpoint(Tcb& thread, const Cap& cap, bool blocking, bool can_reply) {
    if (!config::kernel_mcs) {
        delete_caller_cap(thread);
        receive_ipc(thread, cap, blocking, nullptr);
        return;
    }
    Reply* reply = nullptr;
    if (can_reply && !(reply = lookup_reply(thread))) return;
    receive_ipc(thread, cap, blocking, reply);
}

// Recv and NBRecv (MCS: Wait and NBWait too): from an endpoint, or a notification not bound to
// another thread; anything else is a cap fault in the receive phase. Out of line, as are the other
// calls' handlers, so that the dispatch builds no stack frame and jumps straight to the handler.
[[gnu::noinline]] void handle_recv(Tcb& thread, bool blocking, bool can_reply = true) {
    word cptr = arch::cap_register(thread.context);
    auto slot = lookup_slot(thread, cptr);
    if (!slot) {
        handle_cap_fault(thread, cptr, true, slot.error());
        return;
    }
    const Cap cap = slot.value()->cap;
    if (cap.type() == CapType::Endpoint && cap.can_receive()) {
        receive_on_endpoint(thread, cap, blocking, can_reply);
        return;
    }
    if (cap.type() == CapType::Notification && cap.can_receive()) {
        Tcb* bound = static_cast<Notification*>(cap.ptr())->bound_tcb;
        if (!bound || bound == &thread) {
            receive_signal(thread, cap, blocking);
            return;
        }
    }
    handle_cap_fault(thread, cptr, true, LookupFault::missing_capability(0));
}

// Reply (classic): answers the caller whose reply cap the thread holds, if any.
[[maybe_unused]] void handle_reply(Tcb& thread) {
    Slot& caller = thread.slot(TcbSlot::Caller);
    if (caller.cap.type() != CapType::Reply) return;
    do_reply_transfer(thread, *static_cast<Tcb*>(caller.cap.ptr()), caller, caller.cap.reply_can_grant());
}

// The api calls are templates over the generated enum, so that the calls only one configuration
// has are named only in its branch, which the other configuration never compiles.
template <typename S>
[[gnu::noinline]] void handle_classic_syscall(Tcb& thread, S s) {
    switch (s) {
    case S::Reply: handle_reply(thread); return;
    case S::ReplyRecv:
        handle_reply(thread);
        handle_recv(thread, true);
        return;
    default: return;
    }
}

// MCS: ReplyRecv, NBSendRecv and NBSendWait first invoke a cap without blocking (the reply cap,
// or the destination), then receive.
template <typename S>
[[gnu::noinline]] void handle_mcs_syscall(Tcb& thread, S s) {
    switch (s) {
    case S::Wait: handle_recv(thread, true, false); return;
    case S::NBWait: handle_recv(thread, false, false); return;
    case S::ReplyRecv:
        if (handle_first_phase(thread, arch::reply_register(thread.context))) handle_recv(thread, true);
        return;
    case S::NBSendRecv:
        if (handle_first_phase(thread, arch::nb_send_recv_dest_register(thread.context))) handle_recv(thread, true);
        return;
    case S::NBSendWait:
        if (handle_first_phase(thread, arch::reply_register(thread.context))) handle_recv(thread, true, false);
        return;
    default: return;
    }
}

// The calls both configurations have, then those of the configuration built.
void handle_api_syscall(Tcb& thread, Syscall s) {
    switch (s) {
    case Syscall::Call: handle_invocation(thread, true, true); return;
    case Syscall::Send: handle_invocation(thread, false, true); return;
    case Syscall::NBSend: handle_invocation(thread, false, false); return;
    case Syscall::Recv: handle_recv(thread, true); return;
    case Syscall::NBRecv: handle_recv(thread, false); return;
    case Syscall::Yield: yield(thread); return;
    default:
        if constexpr (config::kernel_mcs) {
            handle_mcs_syscall(thread, s);
        } else {
            handle_classic_syscall(thread, s);
        }
    }
}

// seL4_DebugCapIdentify: the type of the cap the CPtr names (0 when it names nothing).
void debug_cap_identify(Tcb& thread) {
    auto slot = lookup_slot(thread, arch::cap_register(thread.context));
    arch::cap_register(thread.context) = slot ? static_cast<word>(slot.value()->cap.type()) : 0;
}

// seL4_DebugNameThread: the name is a NUL-terminated string in the caller's IPC buffer. As in
// seL4, a bad cap or an unterminated name is taken as a broken system, and the kernel halts.
void debug_name_thread(Tcb& thread) {
    auto slot = lookup_slot(thread, arch::cap_register(thread.context));
    if (!slot || slot.value()->cap.type() != CapType::Thread) {
        user_error("SysDebugNameThread: cap is not a TCB, halting");
        arch::halt(arch::HaltReason::DebugHalt);
    }
    word* buffer = lookup_ipc_buffer(thread, true);
    if (!buffer) {
        user_error("SysDebugNameThread: Failed to lookup IPC buffer, halting");
        arch::halt(arch::HaltReason::DebugHalt);
    }
    const char* name = reinterpret_cast<const char*>(buffer + 1);
    usize max = msg_max_length * sizeof(word);
    usize len = 0;
    while (len < max && name[len]) len++;
    if (len == max) {
        user_error("SysDebugNameThread: Name too long, halting");
        arch::halt(arch::HaltReason::DebugHalt);
    }
    static_cast<Tcb*>(slot.value()->cap.ptr())->set_name(name);
}

// A non-canonical base is refused (seL4 answers with a syscall error and changes nothing).
void set_tls_base(Tcb& thread) {
    word base = arch::cap_register(thread.context);
    if (arch::is_canonical(base)) arch::tls_base_register(thread.context) = base;
}

const char* state_name(ThreadState s) {
    static const char* const names[] = {"inactive", "running", "restart", "blocked on recv", "blocked on send",
                                        "blocked on reply", "blocked on ntfn", "idle"};
    return names[static_cast<unsigned>(s)];
}

void print_scheduler_row(const char* name, const char* state, word restart_ip, word priority) {
    kprintf("%40s\t%15s\t%p\t%20lu\t%lu\n", name, state, reinterpret_cast<void*>(restart_ip), priority, word{0});
}

// seL4_DebugDumpScheduler: every thread with its state, restart address, priority and core, in
// seL4's table (debug_dumpScheduler).
void debug_dump_scheduler() {
    kprintf("Dumping all tcbs!\n");
    kprintf("Name                                    \tState          \tIP                  \t Prio \t Core\n");
    kprintf("--------------------------------------------------------------------------------------\n");
    for (Tcb* t = debug_first_tcb(); t; t = t->debug_next) {
        // seL4's list holds its idle thread, added right after the root thread (the last entry);
        // Keel's idle loop is no thread, so its row is written in that place.
        if (!t->debug_next) print_scheduler_row("idle_thread", "idle", 0, 0);
        print_scheduler_row(t->name, state_name(t->state), arch::restart_pc(t->context), t->priority);
    }
}

// Whether the kernel has system call `s` beyond the api calls: the debug calls only in a debug
// build (KernelDebugBuild), DebugPutChar and DebugDumpScheduler only with KernelPrinting.
bool configured(Syscall s) {
    switch (s) {
    case Syscall::DebugPutChar:
    case Syscall::DebugDumpScheduler: return config::printing;
    case Syscall::SetTLSBase: return true;
    case Syscall::DebugHalt:
    case Syscall::DebugCapIdentify:
    case Syscall::DebugSnapshot:
    case Syscall::DebugNameThread: return config::debug_build;
    default: return false;
    }
}

// The calls after the api calls that the configuration has; false for any other number.
[[gnu::noinline]] bool handle_debug_syscall(Tcb& thread, Syscall s) {
    if (!configured(s)) return false;
    switch (s) {
    case Syscall::DebugPutChar: kputc(static_cast<char>(arch::cap_register(thread.context))); return true;
    case Syscall::DebugHalt: debug_halt(thread); return true;
    case Syscall::DebugCapIdentify: debug_cap_identify(thread); return true;
    case Syscall::DebugDumpScheduler: debug_dump_scheduler(); return true;
    case Syscall::DebugSnapshot: debug_snapshot(thread); return true;
    case Syscall::DebugNameThread: debug_name_thread(thread); return true;
    case Syscall::SetTLSBase: set_tls_base(thread); return true;
    default: return false;
    }
}

// MCS: the clock is read, and the current thread goes on only while its budget lasts (seL4's
// MCS_DO_IF_BUDGET); the debug calls other than SetTLSBase go on without either, as in seL4's
// handleUnknownSyscall. Classic: always.
bool budget_for_entry() {
    if constexpr (!config::kernel_mcs) return true;
    update_timestamp();
    return check_budget_restart();
}
bool budget_for_syscall(sword number) {
    if constexpr (!config::kernel_mcs) return true;
    auto s = static_cast<Syscall>(number);
    bool api = number >= syscall_min && number <= -1;
    if (!api && s != Syscall::SetTLSBase && configured(s)) return true;
    return budget_for_entry();
}

}  // namespace

void handle_syscall(Tcb& thread, sword number) {
    if (!budget_for_syscall(number)) return;
    auto s = static_cast<Syscall>(number);
    if (number >= syscall_min && number <= -1) {
        handle_api_syscall(thread, s);
        return;
    }
    if (!handle_debug_syscall(thread, s)) handle_fault(thread, Fault::unknown_syscall(static_cast<word>(number)));
}

void set_invariant_root(Slot* slots, word count) {
    invariant_slots = slots;
    invariant_count = count;
    invariant_cursor = 0;
    entries_since_vspace_check = 0;
}

namespace {
void panic_if_violated(const char* why) {
    if (!why) return;
    kprintf("KERNEL PANIC: invariant violated: %s\n", why);
    arch::halt(arch::HaltReason::Panic);
}
}  // namespace

// Each entry checks the next few slots of the root CNode and a bounded stretch of each chain
// from them, so the cost per entry stays small however many caps exist (host tests check all).
// The whole mapping check (every user entry against every cap) is too slow for every entry: it
// runs after every `entries_per_vspace_check`-th, the thread half after each.
void check_invariants_after_entry() {
    constexpr word slots_per_entry = 64, chain_steps = 256, entries_per_vspace_check = 4096;
    if (!config::keel_checked_build || !invariant_slots) return;
    word start = invariant_cursor;
    invariant_cursor = (invariant_cursor + slots_per_entry) % invariant_count;
    word n = invariant_count - start < slots_per_entry ? invariant_count - start : slots_per_entry;
    const char* why = check_cspace_invariants(invariant_slots + start, n, chain_steps);
    if (!why && ++entries_since_vspace_check == entries_per_vspace_check) {
        entries_since_vspace_check = 0;
        why = arch::check_vspace_coherence(invariant_slots, invariant_count);  // the thread half included
    } else if (!why) {
        why = arch::check_thread_vspaces();
    }
    if constexpr (config::kernel_mcs) {
        if (!why) why = check_donation_invariants();
    }
    panic_if_violated(why);
}

void check_invariants_after_fastpath(const Tcb& from, const Tcb& to) {
    if (!config::keel_checked_build || !invariant_slots) return;
    if constexpr (config::kernel_mcs) panic_if_violated(check_donation_of(from, to));
}

void handle_user_exception(Tcb& thread) {
    if (!budget_for_entry()) return;
    handle_fault(thread, arch::fault_from_exception(thread.context));
}

}  // namespace core
