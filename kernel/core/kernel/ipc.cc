// Message transfer, reply caps and fault messages.
#include "kernel/ipc.h"
#include "arch/context.h"
#include "cspace/cte.h"
#include "cspace/lookup.h"
#include "kernel/sched.h"
#include "kernel/sched_time.h"
#include "generated/config.h"
#include "object/reply.h"
#include "object/sched_context.h"
#include "object/endpoint.h"
#include "syscall/message.h"

namespace core {
namespace {

constexpr unsigned caps_or_badges_word = 1 + msg_max_length + 1;
constexpr unsigned receive_cnode_word = caps_or_badges_word + msg_max_extra_caps;

word get_mr(Tcb& t, word* buffer, unsigned i) {
    if (i < fast_message_registers) return arch::msg_register(t.context, i);
    return buffer ? buffer[i + 1] : 0;
}

unsigned copy_mrs(Tcb& sender, word* send_buf, Tcb& receiver, word* recv_buf, word n) {
    unsigned i = 0;
    for (; i < n && i < fast_message_registers; i++) {
        arch::msg_register(receiver.context, i) = arch::msg_register(sender.context, i);
    }
    if (!send_buf || !recv_buf) return i;
    for (; i < n; i++) recv_buf[i + 1] = send_buf[i + 1];
    return i;
}

// The empty slot the receiver's IPC buffer names for a received cap, or nullptr.
Slot* receive_slot(Tcb& receiver, word* buffer) {
    auto root = lookup_slot(receiver, buffer[receive_cnode_word]);
    if (!root) return nullptr;
    auto slot = lookup_slot_for_cnode_op(false, root.value()->cap, buffer[receive_cnode_word + 1],
                                         buffer[receive_cnode_word + 2]);
    if (!slot || !slot.value()->cap.is_null()) return nullptr;
    return slot.value();
}

// Transfers up to three caps: a cap to the receiving endpoint itself is unwrapped into its badge,
// any other is copied into the receiver's receive slot (only one can be received).
MessageInfo transfer_caps(MessageInfo info, Slot* const* caps, unsigned count, Endpoint* ep, Tcb& receiver,
                          word* recv_buf) {
    info.extra_caps = 0;
    info.caps_unwrapped = 0;
    if (!count || !recv_buf) return info;
    Slot* dest = receive_slot(receiver, recv_buf);
    unsigned i = 0;
    for (; i < count; i++) {
        Slot& src = *caps[i];
        const Cap cap = src.cap;
        if (cap.type() == CapType::Endpoint && cap.ptr() == ep) {
            recv_buf[caps_or_badges_word + i] = cap.badge();
            info.caps_unwrapped |= bit(i);
            continue;
        }
        if (!dest) break;
        auto derived = derive_cap(src, cap);
        if (!derived || derived.value().is_null()) break;
        cte_insert(derived.value(), src, *dest);
        dest = nullptr;
    }
    info.extra_caps = i;
    return info;
}

unsigned lookup_sender_caps(Tcb& sender, word* buffer, const MessageInfo& info, Slot** out) {
    if (!buffer) return 0;
    unsigned n = 0;
    for (unsigned i = 0; i < info.extra_caps; i++) {
        auto r = lookup_slot(sender, buffer[caps_or_badges_word + i]);
        if (!r) return 0;  // seL4 transfers no caps when any lookup fails
        out[n++] = r.value();
    }
    return n;
}

void do_normal_transfer(Tcb& sender, word* send_buf, Endpoint* ep, word badge, bool grant, Tcb& receiver,
                        word* recv_buf) {
    MessageInfo info = MessageInfo::from_word(arch::msg_info_register(sender.context));
    Slot* caps[msg_max_extra_caps] = {};
    unsigned ncaps = grant ? lookup_sender_caps(sender, send_buf, info, caps) : 0;
    unsigned sent = copy_mrs(sender, send_buf, receiver, recv_buf, info.length);
    info = transfer_caps(info, caps, ncaps, ep, receiver, recv_buf);
    info.length = sent;
    arch::msg_info_register(receiver.context) = info.to_word();
    arch::badge_register(receiver.context) = badge;
}

// MCS: the scheduling context's badge, then (when the thread has one) the microseconds it used,
// no longer counted as unreported.
unsigned timeout_fault_message(Tcb& sender, word* out) {
    out[0] = sender.fault.a;
    if constexpr (config::kernel_mcs) {
        if (!sender.sched_context) return 1;
        out[1] = take_consumed_us(*sender.sched_context);
        return 2;
    }
    return 1;
}

// seL4's fault message layouts (setMRs_fault); returns the number of words.
unsigned fault_message(Tcb& sender, word* out) {
    const Fault& f = sender.fault;
    arch::Context& c = sender.context;
    switch (f.type) {
    case FaultType::CapFault:
        out[0] = arch::restart_pc(c);
        out[1] = f.a;
        out[2] = f.b;
        return 3 + sender.lookup_failure.to_words(out + 3);
    case FaultType::UnknownSyscall: {
        unsigned n = arch::syscall_fault_message(c, out);
        out[n] = f.a;
        return n + 1;
    }
    case FaultType::UserException: {
        unsigned n = arch::exception_fault_message(c, out);
        out[n] = f.a;
        out[n + 1] = f.b;
        return n + 2;
    }
    case FaultType::VMFault:
        out[0] = arch::restart_pc(c);
        out[1] = f.a;
        out[2] = f.c;
        out[3] = f.b;
        return 4;
    default: return config::kernel_mcs && f.type == FaultType::Timeout ? timeout_fault_message(sender, out) : 0;
    }
}

void do_fault_transfer(word badge, Tcb& sender, Tcb& receiver, word* recv_buf) {
    word words[24];
    unsigned n = fault_message(sender, words);
    unsigned sent = 0;
    for (; sent < n && (sent < fast_message_registers || recv_buf); sent++) set_mr(receiver, recv_buf, sent, words[sent]);
    arch::msg_info_register(receiver.context) = MessageInfo{static_cast<word>(sender.fault.type), 0, 0, sent}.to_word();
    arch::badge_register(receiver.context) = badge;
}

// A reply to a timeout fault rewrites the thread's registers in seL4_UserContext order.
void write_timeout_reply_register(arch::Context& c, unsigned i, word v) {
    arch::user_register(c, i) = arch::sanitise_user_register(i, v);
}

// (On classic, the Timeout tests fold away: its fault replies cost what they did before MCS.)
bool is_timeout(const Fault& f) { return config::kernel_mcs && f.type == FaultType::Timeout; }

// Registers a reply to an UnknownSyscall, UserException or (MCS) Timeout fault may rewrite; true
// when the faulting thread restarts (label 0), always for the other faults.
bool handle_fault_reply(Tcb& receiver, Tcb& sender) {
    MessageInfo info = MessageInfo::from_word(arch::msg_info_register(sender.context));
    word* buffer = lookup_ipc_buffer(sender, false);
    unsigned n = 0;
    if (receiver.fault.type == FaultType::UnknownSyscall) n = arch::syscall_reply_registers;
    if (receiver.fault.type == FaultType::UserException) n = arch::exception_reply_registers;
    if (is_timeout(receiver.fault)) n = arch::timeout_reply_registers;
    if (n == 0) return true;
    if (info.length < n) n = static_cast<unsigned>(info.length);
    // As seL4's copyMRsFaultReply: without a sender's IPC buffer, only the message registers count.
    if (!buffer && n > fast_message_registers) n = fast_message_registers;
    for (unsigned i = 0; i < n; i++) {
        word v = get_mr(sender, buffer, i);
        if (is_timeout(receiver.fault)) {
            write_timeout_reply_register(receiver.context, i, v);
        } else {
            arch::write_fault_reply_register(receiver.context, receiver.fault.type == FaultType::UnknownSyscall, i, v);
        }
    }
    return info.label == 0;
}

void delete_one(Slot& slot) { empty_slot(slot); }  // reply caps: nothing to finalise

}  // namespace

void do_ipc_transfer(Tcb& sender, Endpoint* ep, word badge, bool grant, Tcb& receiver) {
    word* recv_buf = lookup_ipc_buffer(receiver, true);
    if (sender.fault.type == FaultType::Null) {
        do_normal_transfer(sender, lookup_ipc_buffer(sender, false), ep, badge, grant, receiver, recv_buf);
    } else {
        do_fault_transfer(badge, sender, receiver, recv_buf);
    }
}

void setup_reply_master(Tcb& t) {
    if (config::kernel_mcs) return;  // MCS replies through reply objects
    Slot& s = t.slot(TcbSlot::Reply);
    if (!s.cap.is_null()) return;
    s.cap = Cap::reply(&t, true, true);
    s.mdb.clear();
    s.mdb.set_revocable(true);
    s.mdb.set_first_badged(true);
}

void setup_caller_cap(Tcb& caller, Tcb& receiver, bool can_grant) {
    set_thread_state(caller, ThreadState::BlockedOnReply);
    Slot& master = caller.slot(TcbSlot::Reply);
    Slot& dest = receiver.slot(TcbSlot::Caller);
    if (!dest.cap.is_null()) delete_one(dest);
    cte_insert(Cap::reply(&caller, false, can_grant), master, dest);
}

void cancel_reply(Tcb& t) {
    t.fault = Fault{};
    if (config::kernel_mcs) {
        remove_reply_tcb(t);
        return;
    }
    if (Slot* reply = t.slot(TcbSlot::Reply).mdb.next()) delete_one(*reply);
}

void delete_caller_cap(Tcb& t) { delete_one(t.slot(TcbSlot::Caller)); }

namespace {
// A replied thread runs again. MCS: only with a ready and sufficient head refill; else its
// budget's end is a timeout fault, or it waits in the release queue (seL4's doReplyTransfer).
void wake_replied(Tcb& receiver, FaultType fault) {
    if constexpr (config::kernel_mcs) return resume_after_reply(receiver, fault);
    possible_switch_to(receiver);
}

// The reply reaches `receiver`, no longer linked to a reply cap or object: a normal reply wakes
// it; a reply to a fault may rewrite registers and restarts it or not.
void complete_reply(Tcb& sender, Tcb& receiver, bool grant) {
    if (receiver.fault.type == FaultType::Null) {
        do_ipc_transfer(sender, nullptr, 0, grant, receiver);
        set_thread_state(receiver, ThreadState::Running);
        wake_replied(receiver, FaultType::Null);
        return;
    }
    FaultType fault = receiver.fault.type;
    bool restart = handle_fault_reply(receiver, sender);
    receiver.fault = Fault{};
    if (restart) {
        set_thread_state(receiver, ThreadState::Restart);
        wake_replied(receiver, fault);
    } else {
        set_thread_state(receiver, ThreadState::Inactive);
    }
}
}  // namespace

void do_reply_transfer(Tcb& sender, Tcb& receiver, Slot& slot, bool grant) {
    delete_one(slot);
    complete_reply(sender, receiver, grant);
}

// MCS (seL4's doReplyTransfer): a sporadic scheduling context's ready head refill starts now as
// soon as the call is taken off its stack, whether the reply then restarts the thread or not.
void reply_through(Tcb& sender, Reply& r, bool grant) {
    Tcb* receiver = r.tcb;
    if (!receiver || receiver->state != ThreadState::BlockedOnReply) return;
    remove_reply(r);
    if constexpr (config::kernel_mcs) unblock_check_sporadic(receiver->sched_context);
    complete_reply(sender, *receiver, grant);
}

namespace {
// The thread's fault handler: MCS keeps the cap in the TCB, classic looks up its CPtr (a null cap
// when the lookup fails).
Cap fault_handler_cap(Tcb& thread) {
    if (config::kernel_mcs) return thread.slot(TcbSlot::FaultHandler).cap;
    auto slot = lookup_slot(thread, thread.fault_handler);
    return slot ? slot.value()->cap : Cap{};
}
}  // namespace

namespace {
// Inlined in both entries, so that a classic fault costs no call more than before MCS.
[[gnu::always_inline]] inline bool send_fault(Tcb& thread, const Cap& h, const Fault& f, const LookupFault& lookup) {
    if (h.type() != CapType::Endpoint || !h.can_send() || !(h.can_grant() || h.can_grant_reply())) return false;
    thread.fault = f;
    if (f.type == FaultType::CapFault) thread.lookup_failure = lookup;
    // MCS: a fault donates the thread's scheduling context, if it has one (seL4's handleFault); a
    // timeout fault does not (handleTimeout).
    auto& ep = *static_cast<Endpoint*>(h.ptr());
    if (config::kernel_mcs && f.type != FaultType::Timeout) send_ipc_donating(true, true, h.badge(), h.can_grant(), true, thread, ep);
    else send_ipc(true, true, h.badge(), h.can_grant(), true, thread, ep);
    return true;
}
}  // namespace

bool send_fault_ipc(Tcb& thread, const Fault& f, const LookupFault& lookup) {
    return send_fault(thread, fault_handler_cap(thread), f, lookup);
}

bool send_fault_ipc_to(Tcb& thread, const Cap& h, const Fault& f, const LookupFault& lookup) {
    return send_fault(thread, h, f, lookup);
}

}  // namespace core
