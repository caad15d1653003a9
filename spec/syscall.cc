// System calls (seL4's syscall.c): invocations, Recv, Reply, Yield, and the debug calls the
// model knows; any other number is an UnknownSyscall fault. MCS's own calls are in mcs.cc.
#include "generated/syscalls.h"
#include "ops.h"
#include "spec.h"

namespace spec {

Fault cap_fault(word cptr, bool in_receive_phase, const LookupFault& f) {
    return Fault{FaultType::CapFault, cptr, in_receive_phase, f};
}

// seL4's handleSyscall after a preempted invocation: checkInterrupt takes the pending interrupt
// (the model's line is the timer) while the thread is still in Restart, so its tick is not
// charged to the thread.
void take_preempting_interrupt(State& s) {
    if (!s.interrupt_pending) return;
    s.interrupt_pending = false;
    timer_tick(s);
}

namespace {

// seL4's handleInvocation; MCS names the invoked cap (the cap register's, or the reply or
// destination register's in a first phase) and whether the call may donate.
bool invoke(State& s, word cptr, bool call, bool blocking, bool can_donate, bool first_phase) {
    word self = s.current;
    Thread& t = s.threads.at(self);
    MessageInfo info = MessageInfo::of(t.regs[info_register]);
    LookupResult target = lookup_slot(s, t, cptr);
    if (!target.ok) {
        if (blocking) handle_fault(s, self, cap_fault(cptr, false, target.fault));
        return true;
    }
    Invocation inv{.thread = self, .label = info.label, .buffer = ipc_buffer(t, false), .call = call,
                   .blocking = blocking, .can_donate = can_donate, .first_phase = first_phase};
    for (word i = 0; inv.buffer && i < info.extra; i++) {
        word extra = load(s, *inv.buffer + 8 * (caps_or_badges_word + i));
        LookupResult r = lookup_slot(s, t, extra);
        if (!r.ok) {
            if (blocking) handle_fault(s, self, cap_fault(extra, false, r.fault));
            return true;
        }
        inv.extra.push_back(r.value.slot);
    }
    word length = !inv.buffer && info.length > fast_message_registers ? fast_message_registers : info.length;
    for (unsigned i = 0; i < length; i++) inv.words.push_back(get_mr(s, t, inv.buffer, i));
    SyscallError e = decode_invocation(s, inv, target.value.slot);
    if (e.code == Error::Preempted) {
        if constexpr (config::kernel_mcs) preempted_time(s);
        take_preempting_interrupt(s);
        return false;
    }
    if (failed(e)) {
        if (call) reply_error(s, self, e);
        return true;
    }
    if (s.threads.at(self).state != ThreadState::Restart) return true;
    if (call) reply_success_empty(s, self);
    set_thread_state(s, self, ThreadState::Running);
    return true;
}

// MCS: the reply object Recv names in its reply register, or a cap fault (seL4's lookupReply).
std::optional<word> lookup_reply(State& s, word self) {
    Thread& t = s.threads.at(self);
    word cptr = t.regs[reply_register];
    LookupResult r = lookup_slot(s, t, cptr);
    if (!r.ok) {
        handle_fault(s, self, cap_fault(cptr, true, r.fault));
        return std::nullopt;
    }
    const Cap cap = slot_at(s, r.value.slot).cap;
    if (cap.type != CapType::Reply) {
        handle_fault(s, self, cap_fault(cptr, true, {LookupKind::MissingCapability, 0, 0, 0}));
        return std::nullopt;
    }
    return cap.object;
}

}  // namespace

bool handle_invocation(State& s, bool call, bool blocking) {
    return invoke(s, s.threads.at(s.current).regs[cap_register], call, blocking, call, false);
}

bool handle_first_phase(State& s, word cptr) { return invoke(s, cptr, false, false, true, true); }

// Recv from an endpoint, or from a notification not bound to another thread; MCS's Recv (not
// Wait) through a reply object.
void handle_recv(State& s, bool blocking, bool can_reply) {
    word self = s.current;
    Thread& t = s.threads.at(self);
    word cptr = t.regs[cap_register];
    LookupResult r = lookup_slot(s, t, cptr);
    if (!r.ok) {
        handle_fault(s, self, cap_fault(cptr, true, r.fault));
        return;
    }
    const Cap cap = slot_at(s, r.value.slot).cap;
    if (cap.type == CapType::Endpoint && cap.read) {
        if constexpr (config::kernel_mcs) {
            std::optional<word> reply = can_reply ? lookup_reply(s, self) : std::optional<word>{0};
            if (reply) receive_ipc(s, self, cap, blocking, *reply);
            return;
        }
        delete_caller_cap(s, self);
        receive_ipc(s, self, cap, blocking);
        return;
    }
    if (cap.type == CapType::Notification && cap.read) {
        word bound = s.notifications.at(cap.object).bound_tcb;
        if (bound == 0 || bound == self) {
            receive_signal(s, self, cap, blocking);
            return;
        }
    }
    handle_fault(s, self, cap_fault(cptr, true, {LookupKind::MissingCapability, 0, 0, 0}));
}

namespace {

[[maybe_unused]] void handle_reply(State& s) {
    word self = s.current;
    SlotRef caller{self, CallerSlot};
    const Cap cap = slot_at(s, caller).cap;
    if (cap.type != CapType::Reply || cap.master) return;
    do_reply_transfer(s, self, cap.object, caller, cap.grant);
}

// MCS: the current scheduling context's head refill is charged whole, only the time used counted
// as consumed; seL4's handleYield.
void handle_yield(State& s) {
    if constexpr (config::kernel_mcs) {
        SchedContext& c = s.sched_contexts.at(s.cur_sc);
        word consumed = c.consumed + s.consumed_now;
        charge_budget(s, c.refills.front().amount, false);
        c.consumed = consumed;
        return;
    }
    sched_dequeue(s, s.current);
    sched_append(s, s.current);
    reschedule_required(s);
}

// The calls only classic has, named in a template over the generated enum, which MCS's lacks.
template <typename Syscall>
bool handle_classic_syscall(State& s, Syscall number) {
    switch (number) {
    case Syscall::Reply: handle_reply(s); return true;
    case Syscall::ReplyRecv:
        handle_reply(s);
        handle_recv(s, true, true);
        return true;
    default: return false;
    }
}

// Wait and NBWait receive without a reply object; ReplyRecv, NBSendRecv and NBSendWait invoke
// the reply cap or the destination without blocking, then receive unless that was preempted.
template <typename Syscall>
bool handle_mcs_syscall(State& s, Syscall number) {
    const Thread& t = s.threads.at(s.current);
    switch (number) {
    case Syscall::Wait: handle_recv(s, true, false); return true;
    case Syscall::NBWait: handle_recv(s, false, false); return true;
    case Syscall::ReplyRecv:
        if (handle_first_phase(s, t.regs[reply_register])) handle_recv(s, true, true);
        return true;
    case Syscall::NBSendRecv:
        if (handle_first_phase(s, t.regs[nb_send_recv_dest_register])) handle_recv(s, true, true);
        return true;
    case Syscall::NBSendWait:
        if (handle_first_phase(s, t.regs[reply_register])) handle_recv(s, true, false);
        return true;
    default: return false;
    }
}

// The debug calls a test world uses (not DebugHalt and DebugNameThread, which may stop the
// machine); false for any other number.
bool handle_debug_syscall(State& s, core::Syscall number) {
    Thread& t = s.threads.at(s.current);
    switch (number) {
    case core::Syscall::DebugPutChar:  // it prints, and changes nothing
    case core::Syscall::DebugDumpScheduler:
    case core::Syscall::DebugSnapshot: return true;
    case core::Syscall::DebugCapIdentify: {
        LookupResult r = lookup_slot(s, t, t.regs[cap_register]);
        t.regs[cap_register] = r.ok ? static_cast<word>(slot_at(s, r.value.slot).cap.type) : 0;
        return true;
    }
    case core::Syscall::SetTLSBase:
        if (is_canonical(t.regs[cap_register])) t.regs[tls_base_register] = t.regs[cap_register];
        return true;
    default: return false;
    }
}

}  // namespace

namespace {

// MCS: the debug calls (SetTLSBase apart) run without reading the clock or checking the budget,
// as seL4's handleUnknownSyscall has them.
[[maybe_unused]] bool debug_without_budget(std::int64_t number) {  // read in MCS only
    using core::Syscall;
    switch (static_cast<Syscall>(number)) {
    case Syscall::DebugPutChar: case Syscall::DebugDumpScheduler: case Syscall::DebugSnapshot:
    case Syscall::DebugCapIdentify: return true;
    default: return false;
    }
}

}  // namespace

void handle_syscall(State& s, std::int64_t number) {
    using core::Syscall;
    if constexpr (config::kernel_mcs) {
        if (!debug_without_budget(number) && !budget_for_entry(s)) return;
    }
    switch (static_cast<Syscall>(number)) {
    case Syscall::Call: handle_invocation(s, true, true); return;
    case Syscall::Send: handle_invocation(s, false, true); return;
    case Syscall::NBSend: handle_invocation(s, false, false); return;
    case Syscall::Recv: handle_recv(s, true, true); return;
    case Syscall::NBRecv: handle_recv(s, false, true); return;
    case Syscall::Yield: handle_yield(s); return;
    default: break;
    }
    if constexpr (config::kernel_mcs) {
        if (handle_mcs_syscall(s, static_cast<Syscall>(number))) return;
    } else {
        if (handle_classic_syscall(s, static_cast<Syscall>(number))) return;
    }
    if (!handle_debug_syscall(s, static_cast<Syscall>(number))) {
        handle_fault(s, s.current, Fault{FaultType::UnknownSyscall, static_cast<word>(number), false, {}});
    }
}

}  // namespace spec
