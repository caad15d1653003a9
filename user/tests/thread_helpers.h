// Helpers for tests with more than one thread: threads in the root task's own address space and
// CSpace, each with its own stack and thread-local storage (with MCS, its scheduling context and
// reply object: keel/ipc.h's calls receive and reply through it). A thread without an IPC buffer
// uses the register-only system calls (keel_sys_*).
#pragma once
#include <keel/ipc.h>
#include <keel/process.h>
#include "cspace_helpers.h"

namespace keel {

struct ThreadStack {
    alignas(16) unsigned char bytes[16384];
    alignas(64) unsigned char tls[512];
    seL4_Word top() const { return reinterpret_cast<seL4_Word>(bytes + sizeof(bytes)); }
};

// A new TCB in a fresh slot, configured with the root CSpace and VSpace, no IPC buffer and
// `fault_ep` as its fault endpoint, at `priority` (keel_configure_thread), set to start at `entry`
// on `stack` with its TLS there; running at once when `resume`.
seL4_CPtr spawn_thread(void (*entry)(), ThreadStack& stack, seL4_Word priority, bool resume, seL4_CPtr fault_ep = 0);

// As spawn_thread, resumed, but the thread also gets its own IPC buffer: 1 KiB `buffer_index` (1 to
// 3) of the root task's IPC buffer page. Its body may use all of libsel4.
seL4_CPtr spawn_ipc_thread(void (*entry)(), ThreadStack& stack, seL4_Word priority, unsigned buffer_index);

// seL4_Call on `cap` with `label` and no arguments, using registers only (no IPC buffer, no TLS).
seL4_Word raw_call(seL4_CPtr cap, seL4_Word label);

// Suspends the calling thread through its own TCB cap; never returns.
[[noreturn]] void exit_thread(seL4_CPtr self);

// Runs `entry` in a new thread at priority 150, above the root task (lowered to 100), with a
// fresh fault endpoint; returns the fault message the root task then finds there (the message
// registers hold its words) and suspends the thread.
seL4_MessageInfo_t run_until_fault(void (*entry)(), ThreadStack& stack);

// A thread body: receives on receive_target (registers only), then parks. A cap that cannot
// receive makes it fault at once (see run_until_fault).
extern volatile seL4_CPtr receive_target;
void receive_on_target();

// Runs receive_on_target on `cap` until it faults and checks seL4's receive-phase cap fault:
// the address, the receive phase, a missing capability with no bits left.
void expect_receive_cap_fault(seL4_CPtr cap);

// Runs `entry` until it faults (run_until_fault) and checks seL4's receive-phase cap fault on `cap`.
void expect_receive_cap_fault_from(void (*entry)(), seL4_CPtr cap);

// A new TCB with `fault_ep` as its fault endpoint at priority 150, not started, whose FPU
// TCB_SetFlags has disabled (checking that unknown flags are dropped).
seL4_CPtr fpu_disabled_thread(seL4_CPtr fault_ep);

// The system call that receives on an endpoint or notification with no reply object: Recv, or
// with MCS Wait.
#ifdef CONFIG_KERNEL_MCS
constexpr seL4_Word sys_wait = static_cast<seL4_Word>(seL4_SysWait);
#else
constexpr seL4_Word sys_wait = static_cast<seL4_Word>(seL4_SysRecv);
#endif

// TCB_SetSchedParams's maximum controlled priority and priority (with MCS, no scheduling context
// and no fault handler: the thread's are unbound).
seL4_Error set_sched_params(seL4_CPtr tcb, seL4_CPtr authority, seL4_Word mcp, seL4_Word priority);

// Sets the root task's own priority (its TCB is its own authority).
seL4_Error set_own_priority(seL4_Word prio);

// Blocks the calling thread for good, receiving on an endpoint no one sends to (registers only).
[[noreturn]] void park();

// The architecture's free-running counter (x86_64: the TSC; riscv64: the time CSR) and its ticks
// per millisecond (keel/arch.h).
seL4_Word read_tsc();
seL4_Word tsc_cycles_per_ms();

// `ms` milliseconds as a domain schedule entry's duration: classic kernel ticks
// (CONFIG_TIMER_TICK_MS each, at least one), with MCS the timer's own ticks.
seL4_Time domain_duration_ms(seL4_Word ms);

// A thread below the root (an IPC buffer of its own, priority 100) sets its own address space
// (TCB_SetSpace on itself) to a new one `make_space` makes, where this program's code is not
// mapped; calls `between` (nullptr: nothing); then Yields, or with `sets_buffer` sets its own IPC
// buffer, and the switch that brings about loads the new space, where its next fetch faults. True
// when the thread ran on in its old space through `between` until that switch, as on seL4.
bool runs_on_until_switched(seL4_CPtr (*make_space)(), void (*between)(), bool sets_buffer);

}  // namespace keel
