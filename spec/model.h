// Keel's executable specification: an abstract model of the kernel's state and of what every
// system call does to it, written from seL4's semantics for clarity rather than speed. It shares
// nothing with kernel/core but the interface definitions (system call numbers, invocation labels
// and the build's configuration generated from interface/). Objects are named by their physical address; a slot by its
// object and index. The derivation tree is explicit: every slot knows its parent and its children
// in order (seL4's cdt and cdt_list), where the kernel keeps a linked list and a parent rule.
#pragma once
#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "generated/config.h"

namespace spec {

using word = std::uint64_t;

// seL4's cap tags (what seL4_DebugCapIdentify reports): the generic ones even, the
// architecture's odd.
enum class CapType : std::uint8_t {
    Null = 0, Untyped = 2, Endpoint = 4, Notification = 6, Reply = 8, CNode = 10, Thread = 12,
    IrqControl = 14, IrqHandler = 16, Zombie = 18, Domain = 20, SchedContext = 22, SchedControl = 24,
#include "arch_cap_tags.inc"
};

// seL4_Error.
enum class Error : word {
    None = 0, InvalidArgument = 1, InvalidCapability = 2, IllegalOperation = 3, RangeError = 4,
    AlignmentError = 5, FailedLookup = 6, TruncatedMessage = 7, DeleteFirst = 8, RevokeFirst = 9,
    NotEnoughMemory = 10,
    Preempted = 0xff,  // not an seL4_Error: the operation stopped at a preemption point
};

// seL4_ObjectType: the generic types (MCS's two more: classic has none, numbers no type has stand
// for them), then the architecture's.
constexpr word first_arch_object_type = config::kernel_mcs ? 7 : 5;
enum class ObjectType : word {
    Untyped = 0, Tcb = 1, Endpoint = 2, Notification = 3, CapTable = 4,
    SchedContext = config::kernel_mcs ? 5 : 0x100, Reply = config::kernel_mcs ? 6 : 0x101,
#include "arch_object_types.inc"
};

enum class ThreadState : std::uint8_t {
    Inactive = 0, Running = 1, Restart = 2, BlockedOnReceive = 3, BlockedOnSend = 4, BlockedOnReply = 5,
    BlockedOnNotification = 6,
};

}  // namespace spec

// The architecture's facts (spec/arch/<arch>/): registers by name and their roles in the
// system-call ABI (FaultIP and NextIP, cap_register, badge_register, info_register,
// msg_registers, tls_base_register, ...), object sizes, the ASID and interrupt numbering, and
// ArchCap and ArchState, what caps and the state hold for the architecture alone.
#include "arch_model.h"

namespace spec {

// Facts of seL4 16.0.0 on a 64-bit architecture in Keel's configuration.
constexpr unsigned word_bits = 64;
constexpr unsigned slot_bits = 5;
constexpr unsigned min_untyped_bits = 4;
constexpr unsigned endpoint_bits = 4, notification_bits = config::kernel_mcs ? 6 : 5, page_bits = 12;
constexpr unsigned msg_max_length = 120, msg_max_extra_caps = 3, fast_message_registers = 4;
constexpr unsigned ipc_buffer_words = 128;  // seL4_IPCBuffer: tag, 120 words, userData, caps, receive slot
constexpr unsigned retype_fan_out_limit = 256;
constexpr unsigned num_priorities = 256;
constexpr unsigned time_slice_ticks = config::keel_time_slice_ticks;  // the build's configuration (MCS: none)
constexpr unsigned work_units_per_preemption = 100;  // CONFIG_MAX_NUM_WORK_UNITS_PER_PREEMPTION
constexpr unsigned reset_chunk_bits = 8;      // CONFIG_RESET_CHUNK_BITS
constexpr unsigned tcb_slot_count = 5;
constexpr word num_domains = config::num_domains, domain_schedule_length = config::num_domain_schedules;
constexpr word max_domain_duration = ~word{0} >> 8;              // DSCHED_MAX_DURATION
// A TCB's slots: classic keeps its reply caps in 2 and 3, MCS its fault and timeout handlers in 3
// and 4 (and the IPC buffer in 2).
enum TcbSlot : word {
    CTableSlot = 0, VTableSlot = 1, ReplySlot = 2, CallerSlot = 3, BufferSlot = config::kernel_mcs ? 2 : 4,
    FaultHandlerSlot = 3, TimeoutHandlerSlot = 4,
};

// MCS (seL4's sporadic.c and schedcontext.c): time in timer ticks, a hundred a microsecond on the
// simulated machine, whose counter starts at 1,000,000; MIN_BUDGET, twice the kernel's worst-case execution time (10 us) by
// KernelWcetScale (1 in the host build); a scheduling context of 2^7 bytes holds 128 bytes of its
// own and refills of 16; the root thread's budget, KernelBootThreadTimeSlice (5 ms).
constexpr word ticks_per_us = 100, start_time = 1'000'000;
constexpr word min_budget_us = 2 * 10, min_budget = min_budget_us * ticks_per_us;
constexpr word min_refills = 2;
constexpr unsigned min_sched_context_bits = 7, max_sched_context_bits = 16, reply_bits = 5;
constexpr word core_sched_context_bytes = 128 - min_refills * 16, refill_bytes = 16;
constexpr word boot_budget = 5000 * ticks_per_us;
constexpr word timer_precision = ticks_per_us;  // getTimerPrecision: a microsecond

struct Cap {
    CapType type = CapType::Null;
    word object = 0;         // the object: untyped region, endpoint, CNode slots, TCB (thread, reply), frame
    unsigned bits = 0;       // Untyped and frame size, CNode radix, Zombie: radix, or 64 for a TCB
    word free_bytes = 0;     // Untyped: bytes used from the start of the region
    bool device = false;     // Untyped, Frame
    word badge = 0;          // Endpoint, Notification
    bool read = false, write = false, grant = false, grant_reply = false;  // Endpoint, Notification; Reply: grant
    unsigned guard_bits = 0; // CNode
    word guard = 0;          // CNode
    bool master = false;     // Reply
    word number = 0;         // Zombie: slots still to clear; IrqHandler: the IRQ
    word vm_rights = 0;      // Frame (seL4's vm_rights: 1 kernel only, 2 read only, 3 read/write)
    // Frame and paging structures: the mapping record (ASID 0: a frame is unmapped); a table's
    // or VSpace root's isMapped. AsidPool: `asid` is the pool's first ASID.
    word asid = 0, vaddr = 0;
    bool mapped = false;
    ArchCap arch;            // what only the architecture's caps hold
    bool operator==(const Cap&) const = default;
};

struct SlotRef {
    word object = 0;  // a CNode's or a TCB's address
    word index = 0;
    auto operator<=>(const SlotRef&) const = default;
};

struct Slot {
    Cap cap;
    bool original = false;             // seL4's is_original_cap (mdbRevocable)
    std::optional<SlotRef> parent;     // in the derivation tree
    std::vector<SlotRef> children;     // in derivation order (seL4's cdt_list)
};

// An entry of a paging structure: a page (the frame's base, with seL4's vm_rights) or the next
// table. Absent entries are not present.
struct PagingEntry {
    bool page = false;
    word target = 0;
    word rights = 0;
    bool operator==(const PagingEntry&) const = default;
};

// A paging structure (the VSpace root, a table at any level): its present user entries by index.
struct PagingTable {
    std::map<word, PagingEntry> entries;
};

// seL4's intStateIRQNode: a slot per IRQ holding the notification cap it signals, in the
// derivation tree like any other; kept as a CNode at an address outside physical memory.
constexpr word irq_node_object = word{1} << 41;

enum class IrqState : std::uint8_t { Inactive, Signal, Timer };

enum class EpState : std::uint8_t { Idle, Send, Recv };
enum class NtfnState : std::uint8_t { Idle, Waiting, Active };

struct Endpoint {
    EpState state = EpState::Idle;
    std::deque<word> queue;  // threads, in order
};

struct Notification {
    NtfnState state = NtfnState::Idle;
    word message = 0;
    std::deque<word> queue;
    word bound_tcb = 0;      // 0: none
    word sc = 0;             // MCS: the scheduling context bound to it (0: none)
};

// A refill: `amount` ticks of budget usable from `time` on.
struct Refill {
    word time = 0, amount = 0;
    bool operator==(const Refill&) const = default;
};

// A scheduling context: its refills, head first (seL4's circular buffer, as a list), at most
// `max_refills` of them (0: never configured); the thread it is bound or donated to, the
// notification bound to it, the newest reply object of the calls it was donated along
// (the call stack's head), and the thread that yielded to it.
struct SchedContext {
    unsigned size_bits = min_sched_context_bits;
    word period = 0, consumed = 0, badge = 0;
    bool sporadic = false;
    word max_refills = 0;
    std::deque<Refill> refills;
    word thread = 0, notification = 0, reply = 0, yield_from = 0;
};

// A reply object: the thread linked to it (a caller blocked on it, or a receiver waiting with
// it) and its place in a call stack: the reply object of the call below (older) and above
// (newer), or, on the newest call, the scheduling context donated along the stack.
struct Reply {
    word thread = 0, prev = 0, next = 0, head_of = 0;
};

struct CNode {
    unsigned radix = 0;
    std::vector<Slot> slots;
};

// Fault labels: MCS adds Timeout (5) and moves VMFault to 6 (classic has no Timeout: a label
// no fault has stands for it).
enum class FaultType : word {
    Null = 0, CapFault = 1, UnknownSyscall = 2, UserException = 3, Timeout = config::kernel_mcs ? 5 : 0x100,
    VMFault = config::kernel_mcs ? 6 : 5,
};
enum class LookupKind : word { InvalidRoot = 0, MissingCapability = 1, DepthMismatch = 2, GuardMismatch = 3 };

struct LookupFault {
    LookupKind kind = LookupKind::InvalidRoot;
    word bits_left = 0, bits_found = 0, guard_found = 0;
};

struct Fault {
    FaultType type = FaultType::Null;
    word address = 0;          // cap fault: the CPtr; unknown syscall: the number; VM fault: the address
    bool in_receive_phase = false;
    LookupFault lookup;
    word fsr = 0;              // VM fault: the architecture's fault status
};

struct Thread {
    std::array<Slot, tcb_slot_count> slots;
    std::array<word, register_count> regs{};
    ThreadState state = ThreadState::Inactive;
    word priority = 0, mcp = 0;
    word time_slice = time_slice_ticks;  // ticks left
    word domain = 0;
    word flags = 0;
    word fault_handler = 0;  // CPtr
    word ipc_buffer = 0;     // user address
    word bound_notification = 0;
    // What a blocked thread waits for.
    word blocking_object = 0;
    word blocking_badge = 0;
    bool blocking_grant = false, blocking_grant_reply = false, blocking_call = false;
    Fault fault;
    // MCS: the scheduling context bound or donated to it, the reply object it waits with or on,
    // the scheduling context it yielded to, the handlers' caps are in its slots.
    word sc = 0, reply = 0, yield_to = 0;
    bool in_release_queue = false;
};

// A system call's error (seL4's syscall_error), for the reply to a Call.
struct SyscallError {
    Error code = Error::None;
    word a = 0, b = 0;  // argument number / range / memory left / failedLookupWasSource
    LookupFault lookup;
};

enum class SchedAction : std::uint8_t { ResumeCurrent, ChooseNew, SwitchTo };

// An entry of the domain schedule; one with duration 0 is an end marker.
struct DomainEntry {
    word domain = 0, duration = 0;
};

struct State {
    std::map<word, Thread> threads;
    std::map<word, Endpoint> endpoints;
    std::map<word, Notification> notifications;
    std::map<word, CNode> cnodes;
    std::map<word, unsigned> frames;   // address -> size bits
    std::map<word, PagingTable> tables;  // paging structures (4 KiB each)
    std::array<word, asid_high_count> asid_table{};  // the ASID pool of each high part, 0: none
    std::map<word, std::array<word, word{1} << asid_low_bits>> asid_pools;  // pool -> VSpace root per low part
    std::array<IrqState, max_irq + 1> irq_state{};  // seL4's intStateIRQTable
    ArchState arch;                    // what only the architecture has
    std::map<word, word> memory;       // words of user-visible memory by physical address (absent: 0)
    std::array<std::deque<word>, num_priorities> ready;
    word current = 0;                  // the running thread, 0 when none
    SchedAction action = SchedAction::ResumeCurrent;
    word candidate = 0;
    std::array<DomainEntry, domain_schedule_length> domain_schedule{DomainEntry{0, max_domain_duration}};
    word schedule_start = 0, schedule_index = 0;
    word current_domain = 0;
    word domain_time = max_domain_duration;  // timer ticks left (counted only with several domains)
    unsigned work_units = 0;
    bool interrupt_pending = false;    // the driver's simulated interrupt line
    // MCS: scheduling contexts and reply objects; the time (ksCurTime), and the threads waiting
    // for their budget, by the release time of their head refill. The machine's clock, which
    // runs on between kernel entries; the time used and not charged yet (ksConsumed) and by
    // which scheduling context (ksCurSC, 0: the idle thread's); whether the timer is set again
    // at the kernel's exit (ksReprogram) and its one-shot deadline (none: ~0).
    std::map<word, SchedContext> sched_contexts;
    std::map<word, Reply> replies;
    word time = start_time;
    std::deque<word> release_queue;
    word clock = start_time, consumed_now = 0, cur_sc = 0;
    bool reprogram = false;
    word deadline = ~word{0};
    word time_per_read = 0;  // the driver's: ticks that pass before each read of the clock (0: it stands still)
};

}  // namespace spec
