// Invoking a capability: look up the cap and the extra caps, decode and perform by cap type,
// reply with seL4's error or success message.
#include "syscall/invocation.h"
#include "arch/context.h"
#include "arch/mmu.h"
#include "cspace/lookup.h"
#include "kernel/console.h"
#include "kernel/fault.h"
#include "kernel/ipc.h"
#include "object/cnode.h"
#include "object/domain.h"
#include "object/endpoint.h"
#include "object/interrupt.h"
#include "object/tcb_invocation.h"
#include "generated/config.h"
#include "kernel/sched.h"
#include "kernel/user_error.h"
#include "object/sched_invocation.h"
#include "object/untyped.h"
#include "syscall/message.h"

namespace core {
namespace {

// Looks up the `count` extra caps the IPC buffer names into `msg` (seL4's lookupExtraCaps); on
// failure, reports it and raises the cap fault of a blocking call. Returns whether all were found.
[[gnu::noinline]] bool lookup_extra_caps(Tcb& thread, const word* buffer, word count, Message& msg) {
    for (word i = 0; i < count; i++) {
        word cptr = buffer[caps_or_badges_word + i];
        auto r = lookup_slot(thread, cptr);
        if (!r) {
            user_error("Lookup of extra caps failed.");
            if (msg.is_blocking()) handle_cap_fault(thread, cptr, false, r.error());
            return false;
        }
        msg.set_extra_cap(i, r.value());
    }
    return true;
}

// An invoked cap that cannot be invoked, explained with the CPtr that named it. Out of line and
// cold, with the CPtr read again from the thread's registers, so the invocations that succeed pay
// nothing for the diagnostic.
[[gnu::noinline, gnu::cold]] SysStatus refuse_cap(const Message& msg, UserErrorFormat why) {
    return user_fail(SyscallError::invalid_capability(0), why, arch::cap_register(msg.thread().context));
}

// Sends the message to the endpoint `cap` names; MCS: `can_donate`, the sender's scheduling
// context may go with it.
[[gnu::always_inline]] inline void send_to_endpoint(const Message& msg, const Cap& cap, bool can_donate) {
    auto& ep = *static_cast<Endpoint*>(cap.ptr());
    if (can_donate) {
        send_ipc_donating(msg.is_blocking(), msg.is_call(), cap.badge(), cap.can_grant(), cap.can_grant_reply(),
                          msg.thread(), ep);
        return;
    }
    send_ipc(msg.is_blocking(), msg.is_call(), cap.badge(), cap.can_grant(), cap.can_grant_reply(), msg.thread(), ep);
}

// Inlined into each entry, as a single caller's would be (the classic invocation path pays no call).
// MCS: `can_donate` for Call and the first phases, which may donate the scheduling context.
[[gnu::always_inline]] inline SysStatus decode_invocation(const Message& msg, Slot& slot, bool can_donate) {
    const Cap cap = slot.cap;
    switch (cap.type()) {
    case CapType::Null: return refuse_cap(msg, "Attempted to invoke a null cap #%lu.");
    case CapType::Zombie: return refuse_cap(msg, "Attempted to invoke a zombie cap #%lu.");
    case CapType::CNode: return decode_cnode_invocation(msg, cap);
    case CapType::Untyped: return decode_untyped_invocation(msg, slot);
    case CapType::Endpoint:
        if (!cap.can_send()) {
            return refuse_cap(msg, "Attempted to invoke a read-only endpoint cap #%lu.");
        }
        send_to_endpoint(msg, cap, config::kernel_mcs && can_donate);
        return {};
    case CapType::Notification:
        if (!cap.can_send()) {
            return refuse_cap(msg, "Attempted to invoke a read-only notification cap #%lu.");
        }
        send_signal(*static_cast<Notification*>(cap.ptr()), cap.badge());
        return {};
    case CapType::Reply:
        if (config::kernel_mcs) {
            reply_through(msg.thread(), *static_cast<Reply*>(cap.ptr()), cap.reply_can_grant());
            return {};
        }
        if (cap.reply_master()) {
            return refuse_cap(msg, "Attempted to invoke an invalid reply cap #%lu.");
        }
        do_reply_transfer(msg.thread(), *static_cast<Tcb*>(cap.ptr()), slot, cap.reply_can_grant());
        return {};
    case CapType::Thread: return decode_tcb_invocation(msg, slot);
    case CapType::Domain: return decode_domain_invocation(msg);
    case CapType::IrqControl: return decode_irq_control(msg, slot);
    case CapType::IrqHandler: return decode_irq_handler(msg, cap);
    case CapType::SchedControl:
    case CapType::SchedContext:
        if constexpr (config::kernel_mcs) return decode_sched_invocation(msg, cap);  // no such caps on classic
        [[fallthrough]];
    default: return arch::decode_arch_invocation(msg, slot);
    }
}

// After an invocation: an error is replied to a Call; success is replied (empty) unless the
// invocation replied itself and set the thread running (ReadRegisters does). A preempted
// invocation leaves the thread in Restart, so it runs the system call again; the interrupt that
// stopped it is taken now, as seL4's handleSyscall does (checkInterrupt), so the timer does not
// charge the thread's time slice (timer_tick counts only Running threads) and a long operation
// keeps the processor against threads of its priority until it completes.
// Returns false when the invocation was preempted.
bool finish(Tcb& thread, bool is_call, const SysStatus& status) {
    if (!status && status.error().code == ErrorCode::Preempted) {
        handle_pending_interrupt();
        return false;
    }
    if (!status) {
        if (is_call) reply_from_kernel_error(thread, status.error());
        set_thread_state(thread, ThreadState::Running);
        return true;
    }
    if (thread.state != ThreadState::Restart) return true;
    if (is_call) reply_from_kernel_success_empty(thread);
    set_thread_state(thread, ThreadState::Running);
    return true;
}

// MCS: the first phase of ReplyRecv, NBSendRecv and NBSendWait invokes no scheduling cap.
SysStatus decode_first_phase(const Message& msg, Slot& slot) {
    if (slot.cap.type() == CapType::SchedControl) {
        return user_fail(SyscallError::invalid_capability(0),
                         "Cannot invoke sched control capabilities in the first phase of an invocation");
    }
    if (slot.cap.type() == CapType::SchedContext) {
        return user_fail(SyscallError::invalid_capability(0),
                         "Cannot invoke sched context capabilities in the first phase of an invocation");
    }
    return decode_invocation(msg, slot, true);
}

// Invokes the cap `cptr` names; false when the invocation was preempted. (Named as the entry
// points are: the diagnostics name the function.)
[[gnu::always_inline]] inline bool handle_invocation(Tcb& thread, word cptr, bool is_call, bool is_blocking,
                                                     bool first_phase) {
    MessageInfo info = MessageInfo::from_word(arch::msg_info_register(thread.context));
    auto slot = lookup_slot(thread, cptr);
    if (!slot) {
        user_error("Invocation of invalid cap #%lu.", cptr);
        if (is_blocking) handle_cap_fault(thread, cptr, false, slot.error());
        return true;
    }
    word* buffer = lookup_ipc_buffer(thread, false);
    Message msg(thread, info, buffer, is_call, is_blocking);
    if (buffer && info.extra_caps && !lookup_extra_caps(thread, buffer, info.extra_caps, msg)) return true;
    thread.state = ThreadState::Restart;
    Slot& invoked = *slot.value();
    return finish(thread, is_call, first_phase ? decode_first_phase(msg, invoked) : decode_invocation(msg, invoked, is_call));
}

}  // namespace

void handle_invocation(Tcb& thread, bool is_call, bool is_blocking) {
    handle_invocation(thread, arch::cap_register(thread.context), is_call, is_blocking, false);
}

bool handle_first_phase(Tcb& thread, word cptr) { return handle_invocation(thread, cptr, false, false, true); }

}  // namespace core
