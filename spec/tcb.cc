// TCB invocations (seL4's tcb.c; the registers in the architecture's seL4_UserContext order).
// MCS (CONFIG_KERNEL_MCS) moves the fault endpoint from a CPtr argument to a handler cap in the
// TCB, adds a timeout handler, and SetSchedParams gives the thread a scheduling context.
#include "generated/invocations.h"
#include "ops.h"

namespace spec {

using Label = core::InvocationLabel;

namespace {

constexpr word ipc_buffer_size_bits = 10;
constexpr word tcb_flag_mask = 1;  // seL4_TCBFlag_fpuDisabled
// MCS's TCBSetTimeoutEndpoint follows SetSchedParams (classic has no such label: there the number
// is SetIPCBuffer's, which the decoder takes first).
constexpr word set_timeout_endpoint_label = static_cast<word>(Label::TCBSetSchedParams) + 1;


// The thread an authority cap (extra cap 0) names, or the error.
struct Authority {
    SyscallError error;
    word tcb = 0;
};
Authority authority(State& s, const Invocation& inv) {
    const Cap c = slot_at(s, inv.extra[0]).cap;
    if (c.type != CapType::Thread) return {error(Error::InvalidCapability, 1)};
    return {ok(), c.object};
}

SyscallError check_prio(State& s, word prio, word auth) {
    word mcp = s.threads.at(auth).mcp;
    return prio > mcp ? error(Error::RangeError, 0, mcp) : ok();
}

SyscallError read_registers(State& s, const Invocation& inv, word target) {
    if (inv.words.size() < 2) return truncated();
    word flags = inv.words[0], n = inv.words[1];
    if (n < 1 || n > frame_registers + gp_registers) return error(Error::RangeError, 1, frame_registers + gp_registers);
    if (target == inv.thread) return illegal();
    set_thread_state(s, inv.thread, ThreadState::Restart);
    if (flags & 1) suspend(s, target);
    Thread& self = s.threads.at(inv.thread);
    const Thread& src = s.threads.at(target);
    if (inv.call) {
        std::optional<word> buf = ipc_buffer(self, true);
        self.regs[badge_register] = 0;
        word i = 0;
        for (; i < n && i < frame_registers && i < fast_message_registers; i++) self.regs[msg_registers[i]] = src.regs[i];
        for (; buf && i < n && i < frame_registers; i++) store(s, *buf + 8 * (i + 1), src.regs[i]);
        word j = i;
        i = 0;
        for (; i < gp_registers && i + frame_registers < n && i + frame_registers < fast_message_registers; i++) {
            self.regs[msg_registers[i + frame_registers]] = src.regs[frame_registers + i];
        }
        for (; buf && i < gp_registers && i + frame_registers < n; i++) {
            store(s, *buf + 8 * (i + frame_registers + 1), src.regs[frame_registers + i]);
        }
        self.regs[info_register] = MessageInfo{0, 0, 0, i + j}.to_word();
    }
    set_thread_state(s, inv.thread, ThreadState::Running);
    return ok();
}

SyscallError write_registers(State& s, const Invocation& inv, word target) {
    if (inv.words.size() < 2) return truncated();
    word flags = inv.words[0], n = inv.words[1];
    if (inv.words.size() - 2 < n) return truncated();
    if (target == inv.thread) return illegal();
    set_thread_state(s, inv.thread, ThreadState::Restart);
    n = std::min<word>(n, frame_registers + gp_registers);
    Thread& t = s.threads.at(target);
    for (word i = 0; i < n; i++) t.regs[i] = sanitise_register(static_cast<unsigned>(i), inv.words[i + 2]);
    t.regs[NextIP] = t.regs[FaultIP];
    if (flags & 1) restart(s, target);
    if (target == s.current) reschedule_required(s);
    return ok();
}

SyscallError copy_registers(State& s, const Invocation& inv, word target) {
    if (inv.words.empty() || inv.extra.empty()) return truncated();
    word flags = inv.words[0];
    const Cap src_cap = slot_at(s, inv.extra[0]).cap;
    if (src_cap.type != CapType::Thread) return error(Error::InvalidCapability, 1);
    word source = src_cap.object;
    set_thread_state(s, inv.thread, ThreadState::Restart);
    if (flags & 1) suspend(s, source);
    if (flags & 2) restart(s, target);
    Thread& dest = s.threads.at(target);
    const Thread& src = s.threads.at(source);
    if (flags & 4) {
        for (unsigned i = 0; i < frame_registers; i++) dest.regs[i] = src.regs[i];
        dest.regs[NextIP] = dest.regs[FaultIP];
    }
    if (flags & 8) {
        for (unsigned i = frame_registers; i < frame_registers + gp_registers; i++) dest.regs[i] = src.regs[i];
    }
    if (target == s.current) reschedule_required(s);
    return ok();
}

// The checks SetPriority, SetMCPriority and SetSchedParams share: the message's length, the
// authority (extra cap 0) and the new values against its MCP.
SyscallError check_priorities(State& s, const Invocation& inv, bool mcp, bool prio) {
    unsigned needed = mcp && prio ? 2 : 1;
    if (inv.words.size() < needed || inv.extra.empty()) return truncated();
    Authority auth = authority(s, inv);
    if (failed(auth.error)) return auth.error;
    word new_mcp = inv.words[0], new_prio = inv.words[mcp && prio ? 1 : 0];
    if (mcp) {
        if (SyscallError e = check_prio(s, new_mcp, auth.tcb); failed(e)) return e;
    }
    if (prio) {
        if (SyscallError e = check_prio(s, new_prio, auth.tcb); failed(e)) return e;
    }
    return ok();
}

void update_priorities(State& s, const Invocation& inv, word target, bool mcp, bool prio) {
    if (mcp) s.threads.at(target).mcp = inv.words[0];
    if (prio) set_priority(s, target, inv.words[mcp && prio ? 1 : 0]);
}

SyscallError set_priorities(State& s, const Invocation& inv, word target, bool mcp, bool prio) {
    if (SyscallError e = check_priorities(s, inv, mcp, prio); failed(e)) return e;
    set_thread_state(s, inv.thread, ThreadState::Restart);
    update_priorities(s, inv, target, mcp, prio);
    return ok();
}

SyscallError check_ipc_buffer(word vaddr, const Cap& c) {
    if (c.type != CapType::Frame || c.device) return illegal();
    if (vaddr & mask(ipc_buffer_size_bits)) return error(Error::AlignmentError);
    return ok();
}

struct BufferRequest {
    SyscallError error;
    Cap cap;
    std::optional<SlotRef> from;  // none when the address is 0
};

BufferRequest decode_buffer(State& s, word vaddr, SlotRef slot) {
    if (vaddr == 0) return {ok(), slot_at(s, slot).cap, std::nullopt};
    CapResult d = derive_cap(s, slot, slot_at(s, slot).cap);
    if (failed(d.error)) return {d.error};
    if (SyscallError e = check_ipc_buffer(vaddr, d.cap); failed(e)) return {e};
    return {ok(), d.cap, slot};
}

// Replaces one of the thread's own caps with a copy of `cap` from `from`, if `from` still holds
// it and the thread's cap is still in `tcb_slot` (seL4's checks after the delete).
SyscallError replace_tcb_cap(State& s, word target, SlotRef tcb_slot, word own, const Cap& cap, std::optional<SlotRef> from) {
    if (SyscallError e = cte_delete(s, {target, own}, true); failed(e)) return e;
    Cap tcb_cap{.type = CapType::Thread, .object = target};
    if (from && same_object_as(cap, slot_at(s, *from).cap) && same_object_as(tcb_cap, slot_at(s, tcb_slot).cap)) {
        cte_insert(s, cap, *from, {target, own});
    }
    return ok();
}

SyscallError update_buffer(State& s, word target, SlotRef tcb_slot, word vaddr, const BufferRequest& b) {
    if (SyscallError e = replace_tcb_cap(s, target, tcb_slot, BufferSlot, b.cap, b.from); failed(e)) return e;
    s.threads.at(target).ipc_buffer = vaddr;
    if (target == s.current) reschedule_required(s);
    return ok();
}

SyscallError set_ipc_buffer(State& s, const Invocation& inv, word target, SlotRef tcb_slot) {
    if (inv.words.empty() || inv.extra.empty()) return truncated();
    word vaddr = inv.words[0];
    BufferRequest b = decode_buffer(s, vaddr, inv.extra[0]);
    if (failed(b.error)) return b.error;
    set_thread_state(s, inv.thread, ThreadState::Restart);
    return update_buffer(s, target, tcb_slot, vaddr, b);
}

// MCS: a fault or timeout handler is an endpoint cap that can send and grant (or grant replies),
// or none (seL4's validFaultHandler).
bool valid_fault_handler(const Cap& c) {
    if (c.type == CapType::Null) return true;
    return c.type == CapType::Endpoint && c.write && (c.grant || c.grant_reply);
}

// MCS: the handler cap in `from` replaces the one in the TCB's slot `own` (seL4's installTCBCap).
SyscallError install_handler(State& s, word target, SlotRef tcb_slot, word own, SlotRef from) {
    return replace_tcb_cap(s, target, tcb_slot, own, slot_at(s, from).cap, from);
}

// A slot whose deletion could take long: the final cap of a thread, CNode or zombie.
bool long_running_delete(State& s, SlotRef r) {
    const Cap c = slot_at(s, r).cap;
    if (c.type == CapType::Null || !is_final_capability(s, r)) return false;
    return c.type == CapType::Thread || c.type == CapType::Zombie || c.type == CapType::CNode;
}

// Where Configure's and SetSpace's arguments are: classic has the fault endpoint's CPtr in word
// 0; MCS SetSpace the fault handler cap as extra cap 0, the roots after it; MCS Configure no
// fault handler at all.
struct SpaceLayout {
    unsigned first_word;  // the CSpace root's data; the VSpace root's and the buffer's address follow
    unsigned first_cap;   // the CSpace root; the VSpace root follows (the buffer is extra cap 2)
    bool fault_cap;
};
constexpr SpaceLayout space_layout(bool with_buffer) {
    if (!config::kernel_mcs) return {1, 0, false};
    return with_buffer ? SpaceLayout{0, 0, false} : SpaceLayout{0, 1, true};
}

// Configure (with an IPC buffer) and SetSpace: the VTable root must be a valid one (a mapped
// VSpace root).
SyscallError set_space(State& s, const Invocation& inv, word target, SlotRef tcb_slot, bool with_buffer) {
    const SpaceLayout l = space_layout(with_buffer);
    unsigned needed_words = l.first_word + (with_buffer ? 3 : 2), needed_caps = with_buffer ? 3 : l.first_cap + 2;
    if (inv.words.size() < needed_words || inv.extra.size() < needed_caps) return truncated();
    BufferRequest b;
    if (with_buffer) {
        b = decode_buffer(s, inv.words[l.first_word + 2], inv.extra[2]);
        if (failed(b.error)) return b.error;
    }
    if (long_running_delete(s, {target, CTableSlot}) || long_running_delete(s, {target, VTableSlot})) return illegal();
    SlotRef croot_slot = inv.extra[l.first_cap], vroot_slot = inv.extra[l.first_cap + 1];
    word croot_data = inv.words[l.first_word], vroot_data = inv.words[l.first_word + 1];
    Cap croot = slot_at(s, croot_slot).cap;
    if (croot_data != 0) croot = update_cap_data(false, croot_data, croot);
    CapResult c = derive_cap(s, croot_slot, croot);
    if (failed(c.error)) return c.error;
    if (c.cap.type != CapType::CNode) return illegal();
    Cap vroot = slot_at(s, vroot_slot).cap;
    if (vroot_data != 0) vroot = update_cap_data(false, vroot_data, vroot);
    CapResult v = derive_cap(s, vroot_slot, vroot);
    if (failed(v.error)) return v.error;
    if (!is_valid_vtable_root(v.cap)) return illegal();
    if (l.fault_cap && !valid_fault_handler(slot_at(s, inv.extra[0]).cap)) return invalid_cap(1);
    set_thread_state(s, inv.thread, ThreadState::Restart);
    if (!config::kernel_mcs) s.threads.at(target).fault_handler = inv.words[0];
    if (l.fault_cap) {
        if (SyscallError e = install_handler(s, target, tcb_slot, FaultHandlerSlot, inv.extra[0]); failed(e)) return e;
    }
    if (SyscallError e = replace_tcb_cap(s, target, tcb_slot, CTableSlot, c.cap, croot_slot); failed(e)) return e;
    if (SyscallError e = replace_tcb_cap(s, target, tcb_slot, VTableSlot, v.cap, vroot_slot); failed(e)) return e;
    if (!with_buffer) return ok();
    return update_buffer(s, target, tcb_slot, inv.words[l.first_word + 2], b);
}

// MCS SetSchedParams' scheduling context (extra cap 1): one bound to no other thread (and ready
// if the thread is blocked), or none (not for the caller itself); 0 for none.
struct ScRequest {
    SyscallError error;
    word sc = 0;
};
ScRequest decode_sched_context_cap(State& s, const Invocation& inv, word target) {
    const Cap c = slot_at(s, inv.extra[1]).cap;
    const Thread& t = s.threads.at(target);
    if (c.type == CapType::Null) return {target == inv.thread ? illegal() : ok()};
    if (c.type != CapType::SchedContext) return {invalid_cap(2)};
    const SchedContext& sc = s.sched_contexts.at(c.object);
    if (t.sc != c.object && (t.sc || sc.thread)) return {illegal()};
    bool released = sc.max_refills && refill_ready(s, c.object);
    if (blocked(t.state) && !released) return {illegal()};
    return {ok(), c.object};
}

// MCS SetSchedParams: priorities, then the scheduling context and the fault handler cap
// (extra cap 2), installed first; the thread bound to the context or unbound from its own.
SyscallError set_sched_params(State& s, const Invocation& inv, word target, SlotRef tcb_slot) {
    if (inv.extra.size() < 3) return truncated();
    if (SyscallError e = check_priorities(s, inv, true, true); failed(e)) return e;
    ScRequest sc = decode_sched_context_cap(s, inv, target);
    if (failed(sc.error)) return sc.error;
    if (!valid_fault_handler(slot_at(s, inv.extra[2]).cap)) return invalid_cap(3);
    set_thread_state(s, inv.thread, ThreadState::Restart);
    if (SyscallError e = install_handler(s, target, tcb_slot, FaultHandlerSlot, inv.extra[2]); failed(e)) return e;
    update_priorities(s, inv, target, true, true);
    word old = s.threads.at(target).sc;
    if (old == sc.sc) return ok();
    if (sc.sc) {
        bind_thread(s, sc.sc, target);
    } else {
        unbind_thread(s, old);
    }
    return ok();
}

// MCS SetTimeoutEndpoint: the timeout handler cap (extra cap 0) into the TCB.
SyscallError set_timeout_endpoint(State& s, const Invocation& inv, word target, SlotRef tcb_slot) {
    if (inv.extra.empty()) return truncated();
    if (!valid_fault_handler(slot_at(s, inv.extra[0]).cap)) return invalid_cap(1);
    set_thread_state(s, inv.thread, ThreadState::Restart);
    return install_handler(s, target, tcb_slot, TimeoutHandlerSlot, inv.extra[0]);
}

SyscallError bind(State& s, const Invocation& inv, word target) {
    if (inv.extra.empty()) return truncated();
    if (s.threads.at(target).bound_notification) return illegal();
    const Cap c = slot_at(s, inv.extra[0]).cap;
    if (c.type != CapType::Notification || !c.read) return illegal();
    const Notification& n = s.notifications.at(c.object);
    if (!n.queue.empty() || n.bound_tcb) return illegal();
    set_thread_state(s, inv.thread, ThreadState::Restart);
    bind_notification(s, target, c.object);
    return ok();
}

SyscallError unbind(State& s, const Invocation& inv, word target) {
    if (!s.threads.at(target).bound_notification) return illegal();
    set_thread_state(s, inv.thread, ThreadState::Restart);
    unbind_notification(s, target);
    return ok();
}

SyscallError set_tls_base(State& s, const Invocation& inv, word target) {
    if (inv.words.empty()) return truncated();
    set_thread_state(s, inv.thread, ThreadState::Restart);
    // seL4 stores the base as given, and restoring one the architecture rejects would fault in
    // the kernel; Keel sanitises it as WriteRegisters does.
    s.threads.at(target).regs[tls_base_register] = sanitise_register(tls_base_register, inv.words[0]);
    if (target == s.current) reschedule_required(s);
    return ok();
}

// SetFlags answers the caller itself with the new flags.
SyscallError set_flags(State& s, const Invocation& inv, word target) {
    if (inv.words.size() < 2) return truncated();
    set_thread_state(s, inv.thread, ThreadState::Restart);
    Thread& t = s.threads.at(target);
    t.flags = (t.flags & ~inv.words[0]) | (inv.words[1] & tcb_flag_mask);
    if (inv.call) {
        Thread& self = s.threads.at(inv.thread);
        std::optional<word> buf = ipc_buffer(self, true);
        self.regs[badge_register] = 0;
        word n = set_mr(s, self, buf, 0, t.flags);
        self.regs[info_register] = MessageInfo{0, 0, 0, n}.to_word();
    }
    set_thread_state(s, inv.thread, ThreadState::Running);
    return ok();
}

}  // namespace

SyscallError decode_tcb_invocation(State& s, const Invocation& inv, SlotRef slot) {
    word target = slot_at(s, slot).cap.object;
    switch (static_cast<Label>(inv.label)) {
    case Label::TCBReadRegisters: return read_registers(s, inv, target);
    case Label::TCBWriteRegisters: return write_registers(s, inv, target);
    case Label::TCBCopyRegisters: return copy_registers(s, inv, target);
    case Label::TCBSuspend:
        set_thread_state(s, inv.thread, ThreadState::Restart);
        suspend(s, target);
        return ok();
    case Label::TCBResume:
        set_thread_state(s, inv.thread, ThreadState::Restart);
        restart(s, target);
        return ok();
    case Label::TCBConfigure: return set_space(s, inv, target, slot, true);
    case Label::TCBSetPriority: return set_priorities(s, inv, target, false, true);
    case Label::TCBSetMCPriority: return set_priorities(s, inv, target, true, false);
    case Label::TCBSetSchedParams:
        return config::kernel_mcs ? set_sched_params(s, inv, target, slot) : set_priorities(s, inv, target, true, true);
    case Label::TCBSetIPCBuffer: return set_ipc_buffer(s, inv, target, slot);
    case Label::TCBSetSpace: return set_space(s, inv, target, slot, false);
    case Label::TCBBindNotification: return bind(s, inv, target);
    case Label::TCBUnbindNotification: return unbind(s, inv, target);
    case Label::TCBSetTLSBase: return set_tls_base(s, inv, target);
    case Label::TCBSetFlags: return set_flags(s, inv, target);
    default:
        if (config::kernel_mcs && inv.label == set_timeout_endpoint_label) return set_timeout_endpoint(s, inv, target, slot);
        return illegal();
    }
}

}  // namespace spec
