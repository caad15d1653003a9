// The IPC fastpath (seL4's fastpath_call and fastpath_reply_recv): Call and ReplyRecv in their
// common case, entered straight from the syscall stub. Each function first checks every
// condition under which the slow path would do more than move a message without caps between
// two threads and switch to the receiver (unlike seL4's, messages longer than the registers are
// taken too when both threads have IPC buffers); only then does it change anything, making exactly the
// changes the slow path makes, in a straight line, and returns the thread to run. In every other
// case it returns nullptr having changed nothing, and the slow path handles the call. Inline, so
// the architecture's entry code compiles the whole path as one function.
//
// MCS (seL4's fastpath under CONFIG_KERNEL_MCS): Call takes the fastpath only to a passive
// receiver (no scheduling context) waiting with a reply object: the caller waits on that object,
// pushed on its scheduling context's call stack, and the context goes to the receiver. ReplyRecv
// takes it only when the reply object its reply register names has a caller waiting at the head
// of the current thread's context's call stack, and that caller has no context: the call is
// popped, the context goes back to the caller, and the thread waits with the same reply object.
// As in seL4, the fastpath reads no clock and charges no budget: the scheduling context stays the
// current one (it moves with the IPC), so the time used is charged to it at the next kernel entry
// that reads the clock, and the timer set for its budget's end still fires there.
#pragma once
#include "arch/calling.h"
#include "arch/context.h"
#include "cspace/cte.h"
#include "cspace/lookup.h"
#include "generated/config.h"
#include "kernel/sched.h"
#include "kernel/thread.h"
#include "object/domain.h"
#include "object/endpoint.h"
#include "object/reply.h"
#include "syscall/message.h"
#include "syscall/syscall.h"

namespace core::fastpath_detail {

// seL4_MessageInfo: length in bits 0-6, extraCaps 7-8, capsUnwrapped 9-11.
constexpr word info_length = mask(7), info_extra_caps = mask(2) << 7, info_caps_unwrapped = mask(3) << 9;

// Messages longer than the registers go from IPC buffer to IPC buffer, and the fastpath takes
// them only between two threads that both have one (the slow path would cut them short). These
// are outlined, so a short message pays just a compare; the check preserves the registers it
// uses, so the fastpath needs no callee-saved register of its own to keep values across it.
[[gnu::noinline, ARCH_PRESERVE_MOST]] inline bool have_ipc_buffers(Tcb& from, Tcb& to) {
    return lookup_ipc_buffer(from, false) && lookup_ipc_buffer(to, true);
}

[[gnu::noinline]] inline void copy_buffer_words(Tcb& from, Tcb& to, word length) {
    word* src = lookup_ipc_buffer(from, false);
    word* dest = lookup_ipc_buffer(to, true);
    for (word i = fast_message_registers; i < length; i++) dest[i + 1] = src[i + 1];
}

// Extra caps, which the fastpath leaves to the slow path.
[[gnu::always_inline]] inline bool has_extra_caps(word info) { return (info & info_extra_caps) != 0; }

// Whether `t` belongs to the domain that runs (the scheduler runs no other).
[[gnu::always_inline]] inline bool in_current_domain(const Tcb& t) {
    return config::num_domains == 1 || t.domain == current_domain();
}

// Whether nothing of higher priority than `t` is ready (seL4's isHighestPrio).
[[gnu::always_inline]] inline bool highest_ready(const Tcb& t) {
    return static_cast<int>(t.priority) >= highest_ready_priority();
}

// Whether the slow path's scheduler, with `current` blocked and `next` just woken, runs `next`:
// yes unless `next` has a lower priority than `current` and something of higher priority than
// `next` is ready (schedule()'s fast-fail rule), or `next` belongs to another domain.
[[gnu::always_inline]] inline bool switches_to(const Tcb& current, const Tcb& next) {
    return in_current_domain(next) && (next.priority >= current.priority || highest_ready(next));
}

// Whether the slow path's reply, with `thread` blocked and `caller` woken, runs `caller`. Classic:
// switches_to. MCS: the reply gives the scheduling context back, which makes the scheduler choose
// afresh (seL4's schedContext_donate asks for a reschedule), and it chooses the caller only when
// nothing of higher priority is ready, whatever `thread`'s priority (seL4's fastpath_reply_recv
// checks isHighestPrio alone).
[[gnu::always_inline]] inline bool reply_switches_to(const Tcb& thread, const Tcb& caller) {
    if constexpr (config::kernel_mcs) return in_current_domain(caller) && highest_ready(caller);
    return switches_to(thread, caller);
}

// The message's words, its info (capsUnwrapped cleared, the length clamped as the slow path
// does) and the badge go from `from` to `to`. The last check, made where the length is tested
// anyway: false, with nothing changed, when the message is longer than the registers and a
// thread has no IPC buffer.
[[gnu::always_inline]] inline bool move_message(Tcb& from, Tcb& to, word info, word badge) {
    arch::Context &f = from.context, &t = to.context;
    switch (__builtin_expect(info & info_length, 0)) {  // no words: one test, no jump table
    case 0: break;
    case 3: arch::msg_register(t, 2) = arch::msg_register(f, 2); [[fallthrough]];
    case 2: arch::msg_register(t, 1) = arch::msg_register(f, 1); [[fallthrough]];
    case 1: arch::msg_register(t, 0) = arch::msg_register(f, 0); break;
    default:
        if ((info & info_length) > fast_message_registers && !have_ipc_buffers(from, to)) return false;
        for (unsigned i = 0; i < fast_message_registers; i++) arch::msg_register(t, i) = arch::msg_register(f, i);
        if ((info & info_length) > fast_message_registers) {
            if ((info & info_length) > msg_max_length) info = (info & ~info_length) | msg_max_length;
            copy_buffer_words(from, to, info & info_length);
        }
    }
    arch::msg_info_register(t) = info & ~info_caps_unwrapped;
    arch::badge_register(t) = badge;
    return true;
}

// Whether a TCB's Caller slot holds a reply cap: it holds nothing (all zero, as empty_slot leaves
// it) or what setup_caller_cap or the fastpath put there, so one word tells (the fuzzer checks).
[[gnu::always_inline]] inline bool holds_reply_cap(const Slot& caller_slot) { return caller_slot.cap.raw0() != 0; }

// The endpoint cap `cptr` names in `t`'s CSpace, with Write (to send) or Read, for a message
// `info` the fastpath may take: nullptr when the build has no fastpath, the message carries caps,
// `t` has a pending fault, or the quick lookup finds no such cap.
[[gnu::always_inline]] inline const Cap* endpoint_cap(Tcb& t, word cptr, word info, bool send) {
    if (!config::fastpath || has_extra_caps(info) || t.fault.type != FaultType::Null) return nullptr;
    const Slot* slot = lookup_slot_quickly(t, cptr);
    if (!slot || slot->cap.type() != CapType::Endpoint) return nullptr;
    return (send ? slot->cap.can_send() : slot->cap.can_receive()) ? &slot->cap : nullptr;
}

// MCS: the reply object a Call's receiver `dest` waits with, when the Call may donate on the
// fastpath: `dest` is passive (seL4's fastpath_call: no scheduling context, a reply object).
[[gnu::always_inline]] inline Reply* passive_receiver_reply(const Tcb& dest) {
    return dest.sched_context ? nullptr : dest.reply;
}

// MCS: scheduling context `sc` moves from `from` to `to`, which has none, with the IPC that
// switches to `to`: `from` is the current thread (in no scheduler queue), and `sc` stays the
// current context (seL4's fastpath: schedContext_donate without its dequeue and reschedule).
[[gnu::always_inline]] inline void pass_sched_context(SchedContext& sc, Tcb& from, Tcb& to) {
    from.sched_context = nullptr;
    to.sched_context = &sc;
    sc.tcb = &to;
}

// MCS: the reply object `reply_cptr` names in `thread`'s CSpace, when ReplyRecv may answer
// through it on the fastpath: a caller waits on it at the head of the call stack of `thread`'s
// scheduling context, so that the reply gives the context back (seL4's fastpath_reply_recv).
// One compare checks head and context: a stack's head holds its context with bit 0 set.
[[gnu::always_inline]] inline Reply* reply_to_answer(Tcb& thread, word reply_cptr) {
    const Slot* slot = lookup_slot_quickly(thread, reply_cptr);
    if (!slot || slot->cap.type() != CapType::Reply) return nullptr;
    auto* r = static_cast<Reply*>(slot->cap.ptr());
    if (!r->tcb || r->next != (reinterpret_cast<word>(thread.sched_context) | 1)) return nullptr;
    return r;
}

// Whether the slow path's reply to `caller` would just wake it and switch to it: it has no fault
// to be answered (a fault reply), the scheduler would run it, and (MCS) it has no scheduling
// context of its own, so that it takes back the one it lent.
[[gnu::always_inline]] inline bool answers_plainly(const Tcb& thread, const Tcb& caller) {
    if (caller.fault.type != FaultType::Null || !reply_switches_to(thread, caller)) return false;
    return !config::kernel_mcs || !caller.sched_context;
}

// `thread` waits on `ep` (its cap `cap`) after its reply (receive_ipc's blocking case), then
// `caller` runs.
[[gnu::always_inline]] inline Tcb* wait_and_switch(Tcb& thread, const Cap& cap, Endpoint& ep, Tcb& caller) {
    caller.state = ThreadState::Running;
    thread.blocking_can_grant = cap.can_grant();
    thread.blocking_object = &ep;
    thread.state = ThreadState::BlockedOnReceive;
    queue_blocked(ep.queue, thread, static_cast<u8>(EpState::Recv));
    set_current_thread(&caller);
    if constexpr (config::keel_checked_build && config::kernel_mcs) check_invariants_after_fastpath(thread, caller);
    return &caller;
}

// Classic: the Call's reply cap goes to `dest`'s Caller slot, which is empty: Recv empties it
// before the thread blocks (the fuzzer checks). It is a child of the caller's master reply cap
// (never revocable: flags clear), as link_after would link it: a thread that waits for no reply
// has no reply cap (cancel_reply and the reply delete it; the fuzzer checks), so the master has
// no next. A thread that runs has its master (restart made it), so the reply cap is made from it.
[[gnu::always_inline]] inline void give_reply_cap(Tcb& caller, Tcb& dest) {
    Slot& reply_slot = dest.slot(TcbSlot::Caller);
    Slot& master = caller.slot(TcbSlot::Reply);
    // The empty slot is all zero (the fuzzer checks), so only its words that are not are written.
    reply_slot.cap.become_reply_child(master.cap, dest.blocking_can_grant);
    reply_slot.mdb.link_prev(&master);
    master.mdb.set_next(&reply_slot);
}

// MCS: the caller waits on `reply`, the reply object `dest` received with, pushed on the call
// stack of the caller's scheduling context, which goes to `dest` (reply_push with donation). The
// current thread always has a scheduling context.
[[gnu::always_inline]] inline void lend_over_call(Tcb& caller, Tcb& dest, Reply& reply) {
    SchedContext& sc = *caller.sched_context;
    dest.reply = nullptr;
    link_reply(caller, reply);
    push_call_stack(reply, sc);
    pass_sched_context(sc, caller, dest);
}

// MCS: the call waiting on `reply` leaves the call stack of `thread`'s scheduling context, which
// goes back to `caller`; `thread` is to wait with `reply` (reply_pop, then receive_ipc's link).
[[gnu::always_inline]] inline void return_over_reply(Tcb& thread, Tcb& caller, Reply& reply) {
    SchedContext& sc = *thread.sched_context;
    pop_call_stack(reply, sc);
    caller.reply = nullptr;
    link_reply(thread, reply);
    pass_sched_context(sc, thread, caller);
}

}  // namespace core::fastpath_detail

namespace core {

// Call on an endpoint with a receiver waiting: the message goes to the receiver, the caller
// waits for the reply, and the receiver holds the reply cap (send_ipc, setup_caller_cap); MCS:
// the caller waits on the passive receiver's reply object and lends it its scheduling context
// (send_ipc, push_reply).
[[gnu::always_inline]] inline Tcb* fastpath_call(Tcb& caller, word cptr, word info) {
    using namespace fastpath_detail;
    const Cap* cap = endpoint_cap(caller, cptr, info, true);
    if (!cap) return nullptr;
    if (!cap->can_grant() && !cap->can_grant_reply()) return nullptr;
    word badge = cap->badge();
    auto& ep = *static_cast<Endpoint*>(cap->ptr());
    if (!ep.is_receiving()) return nullptr;
    Tcb& dest = *ep.queue.head();
    Reply* reply = config::kernel_mcs ? passive_receiver_reply(dest) : nullptr;
    if (config::kernel_mcs && !reply) return nullptr;
    if (!switches_to(caller, dest)) return nullptr;
    if (!move_message(caller, dest, info, badge)) return nullptr;

    ep.queue.remove_head(dest);
    if (ep.queue.empty()) ep.set_state(EpState::Idle);
    dest.state = ThreadState::Running;
    caller.state = ThreadState::BlockedOnReply;
    if constexpr (config::kernel_mcs) {
        lend_over_call(caller, dest, *reply);
    } else {
        give_reply_cap(caller, dest);
    }
    set_current_thread(&dest);
    if constexpr (config::keel_checked_build && config::kernel_mcs) check_invariants_after_fastpath(caller, dest);
    return &dest;
}

// ReplyRecv answering a caller with a normal (not fault) reply, then waiting on an endpoint with
// no sender queued (do_reply_transfer, then receive_ipc). MCS: the reply goes through the reply
// object `reply_cptr` names (the reply register), the thread then waits with the same object.
[[gnu::always_inline]] inline Tcb* fastpath_reply_recv(Tcb& thread, word cptr, word info, word reply_cptr) {
    using namespace fastpath_detail;
    const Cap* cap = endpoint_cap(thread, cptr, info, false);
    if (!cap) return nullptr;
    Reply* reply = config::kernel_mcs ? reply_to_answer(thread, reply_cptr) : nullptr;
    if (config::kernel_mcs && !reply) return nullptr;
    Notification* bound = thread.bound_notification;
    if (bound && bound->state() == NtfnState::Active) return nullptr;
    auto& ep = *static_cast<Endpoint*>(cap->ptr());
    if (ep.is_sending()) return nullptr;
    Slot& reply_slot = thread.slot(TcbSlot::Caller);
    if (!config::kernel_mcs && !holds_reply_cap(reply_slot)) return nullptr;
    Tcb& caller = config::kernel_mcs ? *reply->tcb : *static_cast<Tcb*>(reply_slot.cap.ptr());
    if (!answers_plainly(thread, caller)) return nullptr;
    if (!move_message(thread, caller, info, 0)) return nullptr;

    if constexpr (config::kernel_mcs) {
        return_over_reply(thread, caller, *reply);
    } else {
        // The reply cap goes; it follows the caller's master reply cap (the fuzzer checks).
        empty_slot_after(&caller.slot(TcbSlot::Reply), reply_slot);
    }
    return wait_and_switch(thread, *cap, ep, caller);
}

}  // namespace core
