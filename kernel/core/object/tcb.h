// Thread control blocks and thread states.
#pragma once
#include "arch/context.h"
#include "arch/vspace.h"
#include "lib/types.h"
#include "kernel/errors.h"
#include "object/cap.h"
#include "object/fault_info.h"

namespace core {

// seL4's thread states (seL4's numbering, visible through debug dumps).
enum class ThreadState : u8 {
    Inactive = 0,
    Running = 1,
    Restart = 2,
    BlockedOnReceive = 3,
    BlockedOnSend = 4,
    BlockedOnReply = 5,
    BlockedOnNotification = 6,
    IdleThreadState = 7,
};

// The slots every TCB holds (seL4's tcbCTable, tcbVTable, tcbReply, tcbCaller, tcbBuffer). MCS
// has no reply caps in a TCB; its fault and timeout handler caps (tcbFaultHandler,
// tcbTimeoutHandler) take those two slots.
enum class TcbSlot : u8 { CTable = 0, VTable = 1, Reply = 2, Caller = 3, Buffer = 4, FaultHandler = 2, TimeoutHandler = 3 };
constexpr unsigned tcb_slot_count = 5;
constexpr unsigned tcb_size_bits = arch::tcb_bits;  // seL4_TCBBits

constexpr unsigned num_priorities = 256;
constexpr word tcb_flag_fpu_disabled = 1;  // seL4_TCBFlag_fpuDisabled
constexpr word tcb_flag_mask = 1;          // seL4_TCBFlag_MASK

struct Tcb {
    Slot slots[tcb_slot_count];  // first, so a TCB zombie's slot pointer is the TCB itself
    arch::Context context;
    arch::FpuState fpu;
    ThreadState state = ThreadState::Inactive;
    u8 priority = 0;
    u8 mcp = 0;              // maximum controlled priority
    u8 time_slice = 0;       // timer ticks left before round robin moves on (0: a full slice)
    bool in_ready_queue = false;
    bool in_release_queue = false;  // MCS: waiting for its head refill (seL4's tcbInReleaseQueue)
    word flags = 0;          // seL4_TCBFlag bits (seL4_TCBFlag_fpuDisabled)
    word domain = 0;
    word fault_handler = 0;  // CPtr of the fault endpoint in the thread's CSpace
    word ipc_buffer = 0;     // user virtual address of the IPC buffer
    Tcb* sched_next = nullptr;
    Tcb* sched_prev = nullptr;
    Tcb* ep_next = nullptr;  // endpoint or notification queue
    Tcb* ep_prev = nullptr;
    // What a blocked thread waits on (seL4's thread-state fields).
    void* blocking_object = nullptr;
    word blocking_badge = 0;
    bool blocking_can_grant = false;
    bool blocking_can_grant_reply = false;
    bool blocking_is_call = false;
    struct Notification* bound_notification = nullptr;
    Tcb* debug_next = nullptr;  // every TCB, for seL4_DebugDumpScheduler
    Tcb* debug_prev = nullptr;
    Fault fault{};                // the fault being delivered, Null when none
    LookupFault lookup_failure{};  // details of a cap fault
    char name[32] = {};
    // MCS: the scheduling context bound to or donated to the thread, and the reply object it
    // waits with (BlockedOnReceive: its own, for the next caller; BlockedOnReply: the caller's).
    struct SchedContext* sched_context = nullptr;
    struct Reply* reply = nullptr;
    struct SchedContext* yield_to = nullptr;  // MCS: the scheduling context it yielded to (seL4's tcbYieldTo)

    bool is_runnable() const { return state == ThreadState::Running || state == ThreadState::Restart; }
    Slot& slot(TcbSlot s) { return slots[static_cast<unsigned>(s)]; }
    Slot& cspace_root() { return slot(TcbSlot::CTable); }
    // Physical address of the thread's top-level page table, 0 when it has no valid VSpace (one
    // whose ASID no longer names it included).
    word vspace_root() const;
    void set_name(const char* s);
};
static_assert(sizeof(Tcb) <= bit(tcb_size_bits), "a TCB must fit its seL4_TCBBits object");

// The thread whose saved registers `c` are (an entry stub knows the context it saved into).
inline Tcb* context_owner(arch::Context* c) {
    return reinterpret_cast<Tcb*>(reinterpret_cast<u8*>(c) - __builtin_offsetof(Tcb, context));
}

// The list of every TCB in the system (seL4 keeps one in debug builds for its scheduler dump).
void debug_forget_all_tcbs();
void debug_register_tcb(Tcb& t);
void debug_unregister_tcb(Tcb& t);
Tcb* debug_first_tcb();

}  // namespace core
