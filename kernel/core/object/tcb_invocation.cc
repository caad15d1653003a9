// TCB invocations: one decode function per label, checks in seL4's order, then perform.
#include "object/tcb_invocation.h"
#include "arch/caps.h"
#include "arch/context.h"
#include "arch/switch.h"
#include "cspace/cte.h"
#include "cspace/delete.h"
#include "kernel/sched.h"
#include "kernel/sched_time.h"
#include "kernel/thread.h"
#include "kernel/user_error.h"
#include "object/endpoint.h"
#include "object/sched_context.h"

namespace core {
namespace {

using L = InvocationLabel;
constexpr word ipc_buffer_size_bits = 10;  // seL4_IPCBufferSizeBits

const SyscallError truncation = SyscallError::of(ErrorCode::TruncatedMessage);
const SyscallError illegal = SyscallError::of(ErrorCode::IllegalOperation);
Tcb& target_of(const Slot& slot) { return *static_cast<Tcb*>(slot.cap.ptr()); }

// seL4's words for SetPriority, SetMCPriority and SetSchedParams, which differ per label.
struct PriorityWords {
    const char* truncated;
    const char* not_a_tcb;
    const char* mcp_too_high;  // "%lu ... (max %lu)": the value asked for, the authority's MCP
    const char* prio_too_high;
};

PriorityWords priority_words(bool set_mcp, bool set_prio) {
    if (set_mcp && set_prio) {
        return {"TCB SetSchedParams: Truncated message.", "TCB SetSchedParams: authority cap not a TCB.",
                "TCB SetSchedParams: Requested maximum controlled priority %lu too high (max %lu).",
                "TCB SetSchedParams: Requested priority %lu too high (max %lu)."};
    }
    if (set_mcp) {
        return {"TCB SetMCPriority: Truncated message.", "TCB SetMCPriority: authority cap not a TCB.",
                "TCB SetMCPriority: Requested maximum controlled priority %lu too high (max %lu).", nullptr};
    }
    return {"TCB SetPriority: Truncated message.", "Set priority: authority cap not a TCB.", nullptr,
            "TCB SetPriority: Requested priority %lu too high (max %lu)."};
}

// A priority may be set up to the authorising thread's maximum controlled priority.
SysStatus check_prio(word prio, const Tcb& auth, const char* too_high) {
    if (prio > auth.mcp) return user_fail(SyscallError::range(0, auth.mcp), too_high, prio, word{auth.mcp});
    return {};
}

SysResult<Tcb*> authority(const Message& msg, unsigned index, const char* not_a_tcb) {
    Slot* s = msg.extra_cap(index);
    if (s->cap.type() != CapType::Thread) return user_fail(SyscallError::invalid_capability(1), not_a_tcb);
    return static_cast<Tcb*>(s->cap.ptr());
}

SysStatus check_valid_ipc_buffer(word vaddr, const Cap& c) {
    if (c.type() != CapType::Frame) return user_fail(illegal, "IPC Buffer is an invalid cap.");
    if (c.frame_is_device()) return user_fail(illegal, "Specifying a device frame as an IPC buffer is not permitted.");
    if (!is_aligned(vaddr, ipc_buffer_size_bits)) {
        return user_fail(SyscallError::of(ErrorCode::AlignmentError), "IPC Buffer vaddr 0x%x is not aligned.",
                         static_cast<unsigned>(vaddr));
    }
    return {};
}

// Replaces one of the TCB's own caps with a copy of `cap` from `src`, if `src` still holds it and
// the TCB still exists (seL4's checks after the delete, which may have changed both).
SysStatus replace_tcb_cap(Slot& tcb_cap_slot, const Cap& tcb_cap, Slot& own, const Cap& cap, Slot* src) {
    if (SysStatus s = cte_delete(own); !s) return s;
    if (src && same_object_as(cap, src->cap) && same_object_as(tcb_cap, tcb_cap_slot.cap)) cte_insert(cap, *src, own);
    return {};
}

struct SpaceUpdate {
    Cap croot, vroot;
    Slot *croot_src, *vroot_src;
};

// The slot holds the last cap to a thread, CNode or zombie, whose deletion may take long (seL4's
// slotCapLongRunningDelete): the thread's old space cannot be replaced then.
bool long_running_delete(const Slot& s) {
    CapType t = s.cap.type();
    bool long_running = t == CapType::Thread || t == CapType::CNode || t == CapType::Zombie;
    return long_running && is_final_capability(s);
}

// seL4's words for Configure and SetSpace, which differ per label.
struct SpaceWords {
    const char* being_deleted;
    const char* bad_cspace;
    const char* bad_vspace;
};
constexpr SpaceWords configure_words{"TCB Configure: CSpace or VSpace currently being deleted.",
                                     "TCB Configure: CSpace cap is invalid.", "TCB Configure: VSpace cap is invalid."};
constexpr SpaceWords set_space_words{"TCB SetSpace: CSpace or VSpace currently being deleted.",
                                     "TCB SetSpace: Invalid CNode cap.", "TCB SetSpace: Invalid VSpace cap."};

// The CSpace and VSpace roots are extra caps first_cap and first_cap + 1.
SysResult<SpaceUpdate> decode_space(const Message& msg, Slot& slot, word croot_data, word vroot_data,
                                    const SpaceWords& words, unsigned first_cap = 0) {
    Tcb& t = target_of(slot);
    if (long_running_delete(t.slot(TcbSlot::CTable)) || long_running_delete(t.slot(TcbSlot::VTable))) {
        return user_fail(illegal, words.being_deleted);
    }
    Slot* cslot = msg.extra_cap(first_cap);
    Slot* vslot = msg.extra_cap(first_cap + 1);
    Cap croot = croot_data ? update_cap_data(false, croot_data, cslot->cap) : cslot->cap;
    auto c = derive_cap(*cslot, croot);
    if (!c) return fail(c.error());
    if (c.value().type() != CapType::CNode) return user_fail(illegal, words.bad_cspace);
    Cap vroot = vroot_data ? update_cap_data(false, vroot_data, vslot->cap) : vslot->cap;
    auto v = derive_cap(*vslot, vroot);
    if (!v) return fail(v.error());
    if (!arch::is_valid_vtable_root(v.value())) return user_fail(illegal, words.bad_vspace);
    return SpaceUpdate{c.value(), v.value(), cslot, vslot};
}

SysStatus update_space(Slot& slot, const SpaceUpdate& u) {
    Tcb& t = target_of(slot);
    Cap tcb_cap = slot.cap;
    if (SysStatus s = replace_tcb_cap(slot, tcb_cap, t.slot(TcbSlot::CTable), u.croot, u.croot_src); !s) return s;
    return replace_tcb_cap(slot, tcb_cap, t.slot(TcbSlot::VTable), u.vroot, u.vroot_src);
}

struct BufferUpdate {
    word vaddr;
    Cap cap;
    Slot* src;
};

SysResult<BufferUpdate> decode_buffer(const Message& msg, word vaddr, unsigned cap_index) {
    Slot* s = msg.extra_cap(cap_index);
    if (vaddr == 0) return BufferUpdate{0, Cap{}, nullptr};
    auto d = derive_cap(*s, s->cap);
    if (!d) return fail(d.error());
    if (SysStatus st = check_valid_ipc_buffer(vaddr, d.value()); !st) return fail(st.error());
    return BufferUpdate{vaddr, d.value(), s};
}

SysStatus update_buffer(Slot& slot, const BufferUpdate& b) {
    Tcb& t = target_of(slot);
    Cap tcb_cap = slot.cap;
    if (SysStatus s = cte_delete(t.slot(TcbSlot::Buffer)); !s) return s;
    t.ipc_buffer = b.vaddr;
    if (b.src && same_object_as(b.cap, b.src->cap) && same_object_as(tcb_cap, slot.cap)) {
        cte_insert(b.cap, *b.src, t.slot(TcbSlot::Buffer));
    }
    if (&t == current_thread()) reschedule_required();
    return {};
}

// MCS: a fault or timeout handler: an endpoint cap that can send and grant (or grant replies),
// or none (seL4's validFaultHandler).
bool valid_fault_handler(const Cap& c) {
    if (c.is_null()) return true;
    return c.type() == CapType::Endpoint && c.can_send() && (c.can_grant() || c.can_grant_reply());
}

// MCS: the handler cap in extra cap `index` (refused as invalid cap index + 1 with `invalid`
// unless valid_fault_handler) goes into the TCB's `own` slot.
[[maybe_unused]] SysStatus install_fault_handler(const Message& msg, Slot& slot, unsigned index, TcbSlot own,
                                                 const char* invalid) {
    Slot* src = msg.extra_cap(index);
    if (!valid_fault_handler(src->cap)) return user_fail(SyscallError::invalid_capability(index + 1), invalid);
    return replace_tcb_cap(slot, slot.cap, target_of(slot).slot(own), src->cap, src);
}

// The arguments are a template over the generated views, so that the arguments only one
// configuration has are named only in its branch, which the other never compiles. Classic
// Configure sets the fault endpoint CPtr; MCS Configure has none.
template <typename A>
SysStatus configure(const Message& msg, Slot& slot) {
    if (msg.length() < A::length || !msg.extra_cap(0) || !msg.extra_cap(1) || !msg.extra_cap(2)) {
        return user_fail(truncation, "TCB Configure: Truncated message.");
    }
    auto buffer = decode_buffer(msg, msg.arg(A::buffer), 2);
    if (!buffer) return fail(buffer.error());
    auto space = decode_space(msg, slot, msg.arg(A::cspace_root_data), msg.arg(A::vspace_root_data), configure_words);
    if (!space) return fail(space.error());
    if constexpr (!config::kernel_mcs) target_of(slot).fault_handler = msg.arg(A::fault_ep);
    if (SysStatus s = update_space(slot, space.value()); !s) return s;
    return update_buffer(slot, buffer.value());
}

// Classic: the fault endpoint is a CPtr argument. MCS: extra cap 0, installed in the TCB, and the
// roots follow it.
template <typename A>
SysStatus set_space(const Message& msg, Slot& slot) {
    constexpr unsigned first_root = config::kernel_mcs ? 1 : 0;
    if (msg.length() < A::length || !msg.extra_cap(0) || !msg.extra_cap(1) || !msg.extra_cap(A::extra_caps - 1)) {
        return user_fail(truncation, "TCB SetSpace: Truncated message.");
    }
    auto space = decode_space(msg, slot, msg.arg(A::cspace_root_data), msg.arg(A::vspace_root_data), set_space_words,
                              first_root);
    if (!space) return fail(space.error());
    if constexpr (config::kernel_mcs) {
        if (SysStatus s = install_fault_handler(msg, slot, 0, TcbSlot::FaultHandler, "TCB SetSpace: fault endpoint cap invalid.");
            !s) {
            return s;
        }
    } else {
        target_of(slot).fault_handler = msg.arg(A::fault_ep);
    }
    return update_space(slot, space.value());
}

SysStatus set_ipc_buffer(const Message& msg, Slot& slot) {
    if (msg.length() < 1 || !msg.extra_cap(0)) return user_fail(truncation, "TCB SetIPCBuffer: Truncated message.");
    auto buffer = decode_buffer(msg, msg.arg(args::TCBSetIPCBuffer::buffer), 0);
    if (!buffer) return fail(buffer.error());
    return update_buffer(slot, buffer.value());
}

struct Priorities {
    word mcp, prio;
    bool set_mcp, set_prio;
};

SysResult<Priorities> decode_priorities(const Message& msg, bool set_mcp, bool set_prio) {
    const PriorityWords words = priority_words(set_mcp, set_prio);
    unsigned needed = set_mcp && set_prio ? 2 : 1;
    if (msg.length() < needed || !msg.extra_cap(0)) return user_fail(truncation, words.truncated);
    auto auth = authority(msg, 0, words.not_a_tcb);
    if (!auth) return fail(auth.error());
    word mcp = msg.arg(0);
    word prio = set_mcp && set_prio ? msg.arg(1) : msg.arg(0);
    if (set_mcp) {
        if (SysStatus s = check_prio(mcp, *auth.value(), words.mcp_too_high); !s) return fail(s.error());
    }
    if (set_prio) {
        if (SysStatus s = check_prio(prio, *auth.value(), words.prio_too_high); !s) return fail(s.error());
    }
    return Priorities{mcp, prio, set_mcp, set_prio};
}

void update_priorities(Tcb& t, const Priorities& p) {
    if (p.set_mcp) t.mcp = static_cast<u8>(p.mcp);
    if (p.set_prio) set_priority(t, static_cast<u8>(p.prio));
}

SysStatus set_priorities(const Message& msg, Slot& slot, bool set_mcp, bool set_prio) {
    auto p = decode_priorities(msg, set_mcp, set_prio);
    if (!p) return fail(p.error());
    update_priorities(target_of(slot), p.value());
    return {};
}

// MCS SetSchedParams' scheduling context (extra cap 1): one bound to no other thread, or none
// (then not the caller's own), checked as seL4's decodeSetSchedParams does.
SysResult<SchedContext*> decode_sched_context(const Cap& c, const Tcb& t) {
    if (c.is_null()) {
        if (&t == current_thread()) {
            return user_fail(illegal, "TCB SetSchedParams: Cannot change sched_context of current thread");
        }
        return nullptr;
    }
    if (c.type() != CapType::SchedContext) {
        return user_fail(SyscallError::invalid_capability(2), "TCB Configure: sched context cap invalid.");
    }
    auto* sc = static_cast<SchedContext*>(c.ptr());
    if (t.sched_context != sc) {
        if (t.sched_context) return user_fail(illegal, "TCB Configure: tcb already has a scheduling context.");
        if (sc->tcb) return user_fail(illegal, "TCB Configure: sched context already bound.");
    }
    if constexpr (config::kernel_mcs) {  // (classic kernels have no scheduling context caps)
        if (is_blocked(t) && !sc_released(*sc)) {
            return user_fail(illegal, "TCB Configure: tcb blocked and scheduling context not schedulable.");
        }
    }
    return sc;
}

// MCS: the thread runs on `sc` from now (none: it is no longer scheduled).
void switch_sched_context(Tcb& t, SchedContext* sc) {
    if (t.sched_context == sc) return;
    if (sc) {
        bind_sched_context(*sc, t);
    } else {
        unbind_sched_context(*t.sched_context);
    }
}

// MCS SetSchedParams: priorities, a scheduling context and a fault handler cap.
SysStatus set_sched_params(const Message& msg, Slot& slot) {
    if (!msg.extra_cap(1) || !msg.extra_cap(2)) return user_fail(truncation, "TCB SetSchedParams: Truncated message.");
    auto p = decode_priorities(msg, true, true);
    if (!p) return fail(p.error());
    Tcb& t = target_of(slot);
    auto sc = decode_sched_context(msg.extra_cap(1)->cap, t);
    if (!sc) return fail(sc.error());
    if (SysStatus s = install_fault_handler(msg, slot, 2, TcbSlot::FaultHandler, "TCB Configure: fault endpoint cap invalid.");
        !s) {
        return s;
    }
    update_priorities(t, p.value());
    switch_sched_context(t, sc.value());
    return {};
}

// MCS: the labels only MCS has (TCBSetTimeoutEndpoint), in a template over the generated enum so
// that classic never compiles them.
template <typename Label>
SysStatus decode_configured_tcb_invocation(const Message& msg, Slot& slot, Label label) {
    if constexpr (config::kernel_mcs) {
        if (label == Label::TCBSetTimeoutEndpoint) {
            if (!msg.extra_cap(0)) return user_fail(truncation, "TCB SetTimeoutEndpoint: Truncated message.");
            return install_fault_handler(msg, slot, 0, TcbSlot::TimeoutHandler,
                                         "TCB SetTimeoutEndpoint: timeout endpoint cap invalid.");
        }
    }
    return user_fail(illegal, "TCB: Illegal operation.");
}

using arch::frame_registers;
using arch::gp_registers;

word& user_register(Tcb& t, unsigned i) { return arch::user_register(t.context, i); }
void write_user_register(Tcb& t, unsigned i, word v) { user_register(t, i) = arch::sanitise_user_register(i, v); }



SysStatus read_registers(const Message& msg, Slot& slot, bool is_call) {
    if (msg.length() < 2) return user_fail(truncation, "TCB ReadRegisters: Truncated message.");
    word flags = msg.arg(0), n = msg.arg(1);
    if (n < 1 || n > frame_registers + gp_registers) {
        return user_fail(SyscallError::range(1, frame_registers + gp_registers),
                         "TCB ReadRegisters: Attempted to read an invalid number of registers (%d).",
                         static_cast<int>(n));
    }
    Tcb& src = target_of(slot);
    Tcb& self = msg.thread();
    if (&src == &self) return user_fail(illegal, "TCB ReadRegisters: Attempted to read our own registers.");
    if (flags & 1) suspend(src);
    if (is_call) {
        word* buffer = lookup_ipc_buffer(self, true);
        unsigned i = 0;
        for (; i < n; i++) {
            if (i >= fast_message_registers && !buffer) break;
            set_mr(self, buffer, i, user_register(src, i));
        }
        arch::badge_register(self.context) = 0;
        arch::msg_info_register(self.context) = MessageInfo{0, 0, 0, i}.to_word();
    }
    set_thread_state(self, ThreadState::Running);
    return {};
}

SysStatus write_registers(const Message& msg, Slot& slot) {
    if (msg.length() < 2) return user_fail(truncation, "TCB WriteRegisters: Truncated message.");
    word flags = msg.arg(0), w = msg.arg(1);
    if (msg.length() - 2 < w) {
        return user_fail(truncation, "TCB WriteRegisters: Message too short for requested write size (%d/%d).",
                         static_cast<int>(msg.length() - 2), static_cast<int>(w));
    }
    Tcb& dest = target_of(slot);
    if (&dest == &msg.thread()) return user_fail(illegal, "TCB WriteRegisters: Attempted to write our own registers.");
    word n = w < frame_registers + gp_registers ? w : frame_registers + gp_registers;
    for (unsigned i = 0; i < n; i++) write_user_register(dest, i, msg.arg(i + 2));
    arch::resume_at_restart_pc(dest.context);
    if (flags & 1) restart(dest);
    return {};
}

SysStatus copy_registers(const Message& msg, Slot& slot) {
    if (msg.length() < 1 || !msg.extra_cap(0)) return user_fail(truncation, "TCB CopyRegisters: Truncated message.");
    if (msg.extra_cap(0)->cap.type() != CapType::Thread) {
        return user_fail(SyscallError::invalid_capability(1), "TCB CopyRegisters: Invalid source TCB.");
    }
    word flags = msg.arg(0);
    Tcb& src = *static_cast<Tcb*>(msg.extra_cap(0)->cap.ptr());
    Tcb& dest = target_of(slot);
    if (flags & 1) suspend(src);
    if (flags & 2) restart(dest);
    if (flags & 4) {
        for (unsigned i = 0; i < frame_registers; i++) user_register(dest, i) = user_register(src, i);
        arch::resume_at_restart_pc(dest.context);
    }
    if (flags & 8) {
        for (unsigned i = frame_registers; i < frame_registers + gp_registers; i++) user_register(dest, i) = user_register(src, i);
    }
    if (&dest == current_thread()) reschedule_required();
    return {};
}

SysStatus set_tls_base(const Message& msg, Slot& slot) {
    if (msg.length() < 1) return user_fail(truncation, "TCB SetTLSBase: Truncated message.");
    Tcb& t = target_of(slot);
    write_user_register(t, arch::tls_base_user_register, msg.arg(0));
    if (&t == current_thread()) reschedule_required();
    return {};
}

// SetFlags(clear, set): the new flags are replied; a thread with the FPU disabled faults on its
// first FPU or SSE instruction.
SysStatus set_flags(const Message& msg, Slot& slot) {
    if (msg.length() < 2) return user_fail(truncation, "TCB SetFlags: Truncated message.");
    Tcb& t = target_of(slot);
    t.flags = (t.flags & ~msg.arg(0)) | (msg.arg(1) & tcb_flag_mask);
    if (t.flags & tcb_flag_fpu_disabled) arch::forget_fpu_state(t);
    reply_one_word(msg, t.flags);
    return {};
}

SysStatus bind(const Message& msg, Slot& slot) {
    if (!msg.extra_cap(0)) return user_fail(truncation, "TCB BindNotification: Truncated message.");
    Tcb& t = target_of(slot);
    if (t.bound_notification) return user_fail(illegal, "TCB BindNotification: TCB already has a bound notification.");
    const Cap& c = msg.extra_cap(0)->cap;
    if (c.type() != CapType::Notification) return user_fail(illegal, "TCB BindNotification: Notification is invalid.");
    if (!c.can_receive()) return user_fail(illegal, "TCB BindNotification: Insufficient access rights");
    auto& n = *static_cast<Notification*>(c.ptr());
    if (!n.queue.empty() || n.bound_tcb) {
        return user_fail(illegal, "TCB BindNotification: Notification cannot be bound.");
    }
    bind_notification(t, n);
    return {};
}

}  // namespace

SysStatus decode_tcb_invocation(const Message& msg, Slot& slot) {
    switch (static_cast<L>(msg.label())) {
    case L::TCBReadRegisters: return read_registers(msg, slot, msg.is_call());
    case L::TCBWriteRegisters: return write_registers(msg, slot);
    case L::TCBCopyRegisters: return copy_registers(msg, slot);
    case L::TCBSuspend: suspend(target_of(slot)); return {};
    case L::TCBResume: restart(target_of(slot)); return {};
    case L::TCBConfigure: return configure<args::TCBConfigure>(msg, slot);
    case L::TCBSetPriority: return set_priorities(msg, slot, false, true);
    case L::TCBSetMCPriority: return set_priorities(msg, slot, true, false);
    case L::TCBSetSchedParams: return config::kernel_mcs ? set_sched_params(msg, slot) : set_priorities(msg, slot, true, true);
    case L::TCBSetIPCBuffer: return set_ipc_buffer(msg, slot);
    case L::TCBSetSpace: return set_space<args::TCBSetSpace>(msg, slot);
    case L::TCBSetTLSBase: return set_tls_base(msg, slot);
    case L::TCBBindNotification: return bind(msg, slot);
    case L::TCBUnbindNotification:
        if (!target_of(slot).bound_notification) {
            return user_fail(illegal, "TCB UnbindNotification: TCB already has no bound Notification.");
        }
        unbind_notification(target_of(slot));
        return {};
    case L::TCBSetFlags: return set_flags(msg, slot);
    default: return decode_configured_tcb_invocation(msg, slot, static_cast<L>(msg.label()));
    }
}

}  // namespace core
