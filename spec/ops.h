// The specification's operations, one group per file (cspace.cc, delete.cc, sched.cc, ipc.cc,
// tcb.cc, invocations.cc, syscall.cc, irq.cc, vspace.cc), then what each architecture's part
// (spec/arch/<arch>/) provides. The driver runs the model through spec.h and sets up and reads
// its world through these (slots, cap insertion, the address-space queries).
#pragma once
#include "model.h"

namespace spec {

constexpr word mask(unsigned bits) { return bits >= 64 ? ~word{0} : (word{1} << bits) - 1; }
constexpr SyscallError ok() { return {}; }
constexpr SyscallError error(Error e, word a = 0, word b = 0) { return {e, a, b, {}}; }
constexpr SyscallError truncated() { return error(Error::TruncatedMessage); }
constexpr SyscallError illegal() { return error(Error::IllegalOperation); }
constexpr SyscallError invalid_cap(word n) { return error(Error::InvalidCapability, n); }
inline bool failed(const SyscallError& e) { return e.code != Error::None; }

// Word indices in the IPC buffer: the extra caps' CPtrs (or received badges), then the CNode,
// index and depth of the slot a received cap goes to.
constexpr unsigned caps_or_badges_word = 1 + msg_max_length + 1;
constexpr unsigned receive_cnode_word = caps_or_badges_word + msg_max_extra_caps;

// The message info word: label from bit 12, capsUnwrapped bits 9-11, extra caps 7-8, length 0-6
// (a length over msg_max_length reads as msg_max_length).
struct MessageInfo {
    word label = 0, unwrapped = 0, extra = 0, length = 0;
    static MessageInfo of(word w) {
        word length = w & 0x7f;
        return {w >> 12, (w >> 9) & 7, (w >> 7) & 3, length > msg_max_length ? msg_max_length : length};
    }
    word to_word() const { return (label << 12) | (unwrapped << 9) | (extra << 7) | length; }
};

// ---- memory (memory.cc)
word load(const State& s, word paddr);
void store(State& s, word paddr, word value);
void zero(State& s, word base, word bytes);
// The IPC buffer of thread `t` as a physical address, or nothing (seL4's lookupIpcBuffer).
std::optional<word> ipc_buffer(const Thread& t, bool receiver);
// Message register i as a sender holds it (0 past the registers without a buffer).
word get_mr(const State& s, const Thread& t, std::optional<word> buffer, unsigned i);
// Sets message register i; returns the length written so far (seL4's setMR).
unsigned set_mr(State& s, Thread& t, std::optional<word> buffer, unsigned i, word value);

// ---- capability space (cspace.cc)
Slot& slot_at(State& s, SlotRef r);
const Slot& slot_at(const State& s, SlotRef r);
bool slot_exists(const State& s, SlotRef r);

struct Resolved {
    SlotRef slot;
    word bits_left = 0;
};
struct LookupResult {
    bool ok = false;
    Resolved value;
    LookupFault fault;
};
LookupResult resolve_address_bits(const State& s, const Cap& root, word cptr, word bits);
LookupResult lookup_slot(const State& s, const Thread& t, word cptr);
struct SlotResult {
    SyscallError error;
    SlotRef slot;
};
SlotResult lookup_slot_for_cnode_op(const State& s, bool is_source, const Cap& root, word index, word depth);

bool is_physical(const Cap& c);
word object_size_bits(const Cap& c);
bool same_region_as(const Cap& a, const Cap& b);
bool same_object_as(const Cap& a, const Cap& b);
bool is_cap_revocable(const Cap& derived, const Cap& source);
struct CapResult {
    SyscallError error;
    Cap cap;
};
CapResult derive_cap(const State& s, SlotRef slot, const Cap& cap);
Cap update_cap_data(bool preserve, word data, const Cap& cap);
Cap mask_cap_rights(word rights, const Cap& cap);
bool has_children(const State& s, SlotRef r);
bool is_final_capability(const State& s, SlotRef r);

// Caps are taken by value: callers often pass a cap in a slot these functions overwrite.
void cte_insert(State& s, Cap cap, SlotRef src, SlotRef dest);
void insert_new_cap(State& s, SlotRef parent, SlotRef dest, Cap cap);
void cte_move(State& s, Cap cap, SlotRef src, SlotRef dest);
void cte_swap(State& s, Cap cap1, SlotRef slot1, Cap cap2, SlotRef slot2);
void empty_slot(State& s, SlotRef r);  // clears the slot; its children take its place

// ---- deletion (delete.cc)
SyscallError preemption_point(State& s);
SyscallError cte_delete(State& s, SlotRef r, bool exposed);
SyscallError cte_revoke(State& s, SlotRef r);
// Deletes a cap whose finalisation needs no zombie (seL4's cteDeleteOne).
void cte_delete_one(State& s, SlotRef r);

// ---- scheduler (sched.cc)
bool runnable(ThreadState st);
// seL4's isSchedulable: runnable and, on MCS, with a configured scheduling context not waiting
// for its release.
bool schedulable(const State& s, word t);
void sched_enqueue(State& s, word t);
void sched_append(State& s, word t);
void sched_dequeue(State& s, word t);
bool in_ready_queue(const State& s, word t);
void reschedule_required(State& s);
void set_thread_state(State& s, word t, ThreadState st);
void possible_switch_to(State& s, word t);
void suspend(State& s, word t);
void restart(State& s, word t);
void set_priority(State& s, word t, word priority);
void set_domain(State& s, word t, word domain);

// ---- IPC (ipc.cc)
// `can_donate` and `reply` (the receiver's reply object, 0: none) are MCS's.
void send_ipc(State& s, bool blocking, bool call, word badge, bool grant, bool grant_reply, bool can_donate, word thread,
              word ep);
void receive_ipc(State& s, word thread, const Cap& ep_cap, bool blocking, word reply = 0);
void send_signal(State& s, word ntfn, word badge);
void receive_signal(State& s, word thread, const Cap& ntfn_cap, bool blocking);
void cancel_ipc(State& s, word thread);
void cancel_all_ipc(State& s, word ep);
void cancel_all_signals(State& s, word ntfn);
void cancel_badged_sends(State& s, word ep, word badge);
void bind_notification(State& s, word thread, word ntfn);
// MCS: a thread blocked on an endpoint or a notification takes its place again in that queue
// after its priority changed (seL4's reorderEP and reorderNTFN).
void reorder_blocked(State& s, word thread);
void unbind_notification(State& s, word thread);
void unbind_maybe_notification(State& s, word ntfn);
void setup_reply_master(State& s, word thread);
void delete_caller_cap(State& s, word thread);
void do_reply_transfer(State& s, word sender, word receiver, SlotRef reply_slot, bool grant);
void handle_fault(State& s, word thread, const Fault& f);
void reply_error(State& s, word thread, const SyscallError& e);
void reply_success_empty(State& s, word thread);
// A reply's message (not a fault's) from `sender` to `receiver`; the fault handler's reply to a
// fault: the registers it rewrites, true when the thread restarts.
void transfer_reply_message(State& s, word sender, word receiver, bool grant);
bool handle_fault_reply(State& s, word receiver, word sender);

// ---- MCS (mcs.cc): reply objects, call stacks and donation
// `sc` goes to `to` (which has none), its thread (if any) no longer scheduled on it.
void donate_sched_context(State& s, word sc, word to);
// The thread linked to `reply` is no longer, and Inactive (seL4's reply_unlink).
void reply_unlink(State& s, word reply);
// `caller` waits on `reply` for `callee`'s answer, its scheduling context donated along when it may.
void reply_push(State& s, word caller, word callee, word reply, bool can_donate);
// The caller waiting on `reply` stops waiting (seL4's reply_remove), or the thread `thread`
// blocked on a reply does, not taking the scheduling context back (reply_remove_tcb).
void reply_remove(State& s, word reply);
void reply_remove_tcb(State& s, word thread);
// seL4's refill_ready, and with refill_sufficient(sc, 0): the head refill is due (and holds
// MIN_BUDGET).
bool refill_ready(const State& s, word sc);
bool budget_ready(const State& s, word sc);
// The thread of `sc` leaves the ready queue for the release queue, by its head refill's time,
// after the equal ones (seL4's postpone and tcbReleaseEnqueue); schedContext_resume.
void postpone(State& s, word sc);
void resume_sched_context(State& s, word sc);
// The thread leaves the release queue (seL4's tcbReleaseRemove).
void remove_from_release_queue(State& s, word t);
// seL4's chargeBudget of `used` ticks to the current scheduling context: round robin's refills
// whole again, a sporadic one's by refill_budget_check; the current thread takes a timeout
// fault (when it may, its context is not round robin and it has a timeout handler), or goes to
// the back of its queue, or to the release queue when its head refill is not ready.
void charge_budget(State& s, word used, bool can_timeout_fault);
// The microseconds `sc` used since they were last taken, counted from 0 again (seL4's
// schedContext_updateConsumed, which never reaches its cap of the ticks' range here).
word take_consumed_us(State& s, word sc);
// Time (seL4's thread.c): a kernel entry reads the clock and goes on only while the current
// scheduling context's budget lasts, else the thread runs its system call again when it next
// runs (MCS_DO_IF_BUDGET: updateTimestamp, checkBudgetRestart).
bool budget_for_entry(State& s);
// The clock runs on `ticks`; true when it reached the timer's deadline and the kernel took the
// timer interrupt (updateTimestamp, checkBudget, ackDeadlineIRQ), to be followed by schedule.
bool pass_time(State& s, word ticks);
// schedule()'s first step: the threads whose head refill is now ready leave the release queue
// (seL4's awaken); and its last: the chosen thread's scheduling context made current, the time
// used charged and the deadline set again when needed (switchSchedContext, setNextInterrupt).
void awaken(State& s);
void switch_sched_context(State& s);
// A sporadic context other than the current one, waking a thread: refill_unblock_check.
void unblock_check_sporadic(State& s, word sc);
// The yield of `yielder` (SchedContext_YieldTo), if any, is over: it is answered with the time
// the scheduling context used (seL4's schedContext_completeYieldTo, as a thread is activated).
void complete_yield_to(State& s, word yielder);
// seL4's schedContext_bindTCB (the thread runs on `sc`, queued if it can run) and
// schedContext_unbindTCB (the thread of `sc` no longer scheduled on it).
void bind_thread(State& s, word sc, word t);
void unbind_thread(State& s, word sc);
// The scheduling context bound to `ntfn`, if any, no longer is (seL4's schedContextMaybeUnbindNtfn).
void unbind_notification_sched_context(State& s, word ntfn);
// seL4's isBlocked: waiting on an endpoint, a notification or a reply.
bool blocked(ThreadState st);
// seL4's MCS doReplyTransfer: the reply through `reply`, if a caller waits on it.
void do_reply_transfer_mcs(State& s, word sender, word reply, bool grant);
// Deleting the last cap to a reply object or scheduling context (seL4's finaliseCap), and a
// thread's scheduling context when the thread is deleted (its yielder answered too).
void finalise_reply(State& s, word reply);
void finalise_sched_context(State& s, word sc);
void unbind_deleted_thread(State& s, word thread);
// seL4's MCS preemptionPoint: the clock read, and the current scheduling context no longer
// configured or its head refill no longer sufficient for the time used; and mcsPreemptionPoint,
// after a preempted invocation: the budget checked while the thread can run, else the time used
// charged to a context still configured, else dropped.
bool budget_preempts(State& s);
void preempted_time(State& s);

// ---- system calls (syscall.cc)
Fault cap_fault(word cptr, bool in_receive_phase, const LookupFault& f);
// seL4's handleInvocation of the cap the cap register names, and MCS's first phase (a
// non-blocking invocation of `cptr` that may donate): false when preempted.
bool handle_invocation(State& s, bool call, bool blocking);
bool handle_first_phase(State& s, word cptr);
// seL4's handleRecv; `can_reply`: MCS's Recv (a reply object named), not Wait.
void handle_recv(State& s, bool blocking, bool can_reply);

// ---- invocations (invocations.cc, tcb.cc, domain.cc)
// What an invocation sees: the invoker, the message, the invoked slot and the extra caps.
struct Invocation {
    word thread = 0;
    word label = 0;
    std::vector<word> words;  // the message (at most 4 words without an IPC buffer)
    std::optional<word> buffer;
    std::vector<SlotRef> extra;
    bool call = false, blocking = false;
    bool can_donate = false, first_phase = false;  // MCS
};
SyscallError decode_invocation(State& s, const Invocation& inv, SlotRef slot);
// Succeeds, answering a Call with `words` (a Send gets no reply).
SyscallError done(State& s, const Invocation& inv, std::vector<word> words = {});
SyscallError decode_tcb_invocation(State& s, const Invocation& inv, SlotRef slot);
SyscallError decode_domain_invocation(State& s, const Invocation& inv);
// MCS: SchedControl_ConfigureFlags and the SchedContext invocations (mcs.cc).
SyscallError decode_sched_control(State& s, const Invocation& inv);
SyscallError decode_sched_context(State& s, const Invocation& inv, SlotRef slot);

// ---- interrupts (irq.cc)
SyscallError decode_irq_control(State& s, const Invocation& inv, SlotRef slot);
SyscallError decode_irq_handler(State& s, const Invocation& inv, SlotRef slot);
// The last handler cap of `irq` is finalised: its notification cap goes and the IRQ is inactive
// (seL4's deletingIRQHandler, then deletedIRQHandler once the slot is empty: nothing runs between).
void delete_irq_handler(State& s, word irq);
// IRQControl_Get's checks and issue: the IRQ (check_irq), not already taken, the destination.
SyscallError get_irq_handler(State& s, const Invocation& inv, SlotRef control, word irq, word index, word depth);
// The destination of a new handler cap (extra cap 0, `index`, `depth`): an empty slot.
SlotResult handler_slot(const State& s, const Invocation& inv, word index, word depth);
// seL4's invokeIRQControl: `irq` signals from now on, its handler cap a child of `control`.
SyscallError issue_irq_handler(State& s, const Invocation& inv, word irq, SlotRef control, SlotRef dest);
// An interrupt the controller delivered (seL4's handleInterrupt).
void handle_interrupt(State& s, word irq);

// ---- address spaces (vspace.cc): the ASID table and pools, translation, user accesses
// seL4's findVSpaceForASID: the VSpace root the ASID names, or 0.
word find_vspace(const State& s, word asid);
SyscallError lookup_failed(word bits_left, LookupKind kind = LookupKind::MissingCapability);
// What every Map checks of the VSpace root after its cap: the ASID still names it.
SyscallError check_vspace_root(const State& s, const Cap& root);
Cap unmapped(Cap c);  // the mapping record cleared
// A Map's last step: the cap in `slot` records its mapping (a paging structure's isMapped set);
// Call answered with no words.
SyscallError record_mapping(State& s, const Invocation& inv, SlotRef slot, word asid, word vaddr);
// What a frame's Map checks first: its length and extra cap, then that the cap (`root`) is a
// valid VSpace root.
SyscallError frame_map_root(const State& s, const Invocation& inv, Cap& root);
// A frame's invocations: Map, Unmap and GetAddress (arch_labels.h names them), else the arch's.
SyscallError decode_frame(State& s, const Invocation& inv, SlotRef slot);
// ASIDControl_MakePool and ASIDPool_Assign, their labels checked (arch_labels.h names them).
SyscallError make_asid_pool(State& s, const Invocation& inv);
SyscallError assign_asid(State& s, const Invocation& inv, SlotRef slot);
// seL4's deleteASID for a VSpace root whose ASID still names it, and deleteASIDPool.
bool deletes_asid(const State& s, const Cap& root);
void delete_asid(State& s, const Cap& root);
void delete_asid_pool(State& s, const Cap& pool);
// The index of `vaddr` in a table of `level` (0: the VSpace root).
word index_at(word vaddr, unsigned level);
// The frame and rights of the page at `vaddr` in the address space of `asid` (none: rights 0;
// kernel only, which user mode cannot use: 1), and the level of its entry (none: of the entry
// where the walk stopped; 0 without an address space).
struct Translation {
    word frame = 0, rights = 0;
    unsigned level = 0;
};
Translation translate(const State& s, word asid, word vaddr);
// Every 4 KiB page user mode can reach in the address space of `asid`.
std::vector<word> mapped_pages(const State& s, word asid);
// The ASID a thread's VTable cap gives it an address space through, or 0.
word thread_asid(const State& s, word thread);

// ---- the architecture's part (spec/arch/<arch>/): caps, address spaces and interrupts
// The paging structures' cap types (a table at any level, the VSpace root).
bool is_vspace_table(CapType t);
// A valid VTable root for TCB_SetSpace and TCB_Configure (seL4's isValidVTableRoot).
bool is_valid_vtable_root(const Cap& c);
// seL4's Arch_sameRegionAs for the caps only the architecture has.
bool arch_same_region_as(const Cap& a, const Cap& b);
// Whether `issued` was issued by `control`, an arch control cap (the two are then not the same
// object, and the issued cap is revocable).
bool issued_by_arch_control(const Cap& issued, const Cap& control);
// seL4's Arch_deriveCap for a cap other than a frame or paging structure.
Cap arch_derive_cap(const Cap& cap);
// The cap of a new paging structure of type `t`.
CapType table_cap_type(ObjectType t);
// A frame's Map (the arch's in seL4's order of checks), and seL4's unmapPage: the entry the frame
// cap records goes, if it still maps that frame.
SyscallError map_frame(State& s, const Invocation& inv, SlotRef slot);
// A frame's invocations other than Map, Unmap and GetAddress (aarch64's cache operations).
SyscallError decode_arch_frame(State& s, const Invocation& inv, SlotRef slot);
void unmap_frame(State& s, const Cap& cap);
// seL4's Arch_decodeInvocation and Arch_finaliseCap for the paging structures' caps and the
// arch's own (frames and ASID caps are the generic part's).
SyscallError decode_arch_invocation(State& s, const Invocation& inv, SlotRef slot);
void finalise_arch_cap(State& s, const Cap& cap, bool final);
// seL4's Arch_checkIRQ (IRQControl_Get), Arch_decodeIRQControlInvocation, maskInterrupt.
SyscallError check_irq(word irq);
SyscallError decode_arch_irq_control(State& s, const Invocation& inv, SlotRef slot);
void mask_interrupt(State& s, bool disable, word irq);
// The architecture's interrupt state of a booted kernel.
void init_arch_interrupts(State& s);
// The fault status (seL4's FSR) of a user access at `vaddr` that `tr` does not allow.
word vm_fault_status(word vaddr, bool write, const Translation& tr);

}  // namespace spec
