// MCS: SchedControl_ConfigureFlags and the SchedContext invocations, checks in seL4's order.
// Budgets are stored as seL4 stores them, in timer ticks, but not enforced yet.
#include "object/sched_invocation.h"
#include "arch/interrupts.h"
#include "kernel/sched.h"
#include "kernel/thread.h"
#include "kernel/user_error.h"
#include "object/endpoint.h"
#include "object/refill.h"
#include "object/reply.h"
#include "object/tcb.h"

namespace core {
namespace {

using L = InvocationLabel;
const SyscallError truncation = SyscallError::of(ErrorCode::TruncatedMessage);
const SyscallError illegal = SyscallError::of(ErrorCode::IllegalOperation);

// seL4's MIN_BUDGET_US and MAX_PERIOD_US (KernelStaticMaxPeriodUs when set, else an eighth of
// the longest time the timer's ticks hold).
constexpr u64 min_budget_us = 2 * arch::kernel_wcet_us * config::kernel_wcet_scale;
u64 max_period_us() {
    if (config::kernel_static_max_period_us) return config::kernel_static_max_period_us;
    return ~u64{0} / arch::timer_ticks_per_us() / 8;
}
u64 us_to_ticks(u64 us) { return us * arch::timer_ticks_per_us(); }

struct Parameters {
    u64 budget, period;  // ticks
    word refills, badge, flags;
};

SysStatus out_of_range(const char* what) {
    return user_fail(SyscallError::range(min_budget_us, max_period_us()), what);
}

SysResult<Parameters> decode_parameters(const Message& msg, const Cap& target) {
    using A = args::SchedControlConfigureFlags;
    constexpr const char* bad_budget = "SchedControl_ConfigureFlags: budget out of range.";
    constexpr const char* bad_period = "SchedControl_ConfigureFlags: period out of range.";
    u64 budget = msg.arg(A::budget), period = msg.arg(A::period);
    if (budget > max_period_us()) return fail(out_of_range(bad_budget).error());
    if (period > max_period_us()) return fail(out_of_range(bad_period).error());
    if (us_to_ticks(budget) < us_to_ticks(min_budget_us)) return fail(out_of_range(bad_budget).error());
    if (us_to_ticks(period) < us_to_ticks(min_budget_us)) return fail(out_of_range(bad_period).error());
    if (budget > period) {
        return user_fail(SyscallError::range(min_budget_us, period), "SchedControl_ConfigureFlags: budget must be <= period");
    }
    if (target.type() != CapType::SchedContext) {
        return user_fail(SyscallError::invalid_capability(1),
                         "SchedControl_ConfigureFlags: target cap not a scheduling context cap");
    }
    word extra = msg.arg(A::extra_refills);
    word max_extra = refill_absolute_max(target.sched_context_size_bits()) - min_refills;
    if (extra > max_extra) return user_fail(SyscallError::range(0, max_extra), "Max refills invalid, got %lu, max %lu", extra, max_extra);
    return Parameters{us_to_ticks(budget), us_to_ticks(period), extra + min_refills, msg.arg(A::badge), msg.arg(A::flags)};
}

// Keel keeps no current time yet (seL4's ksCurTime): refills start at 0, as the root task's.
RefillClock refill_clock() {
    return RefillClock{0, us_to_ticks(min_budget_us), ~u64{0} - 5 * us_to_ticks(max_period_us())};
}

// As seL4's invokeSchedControl_ConfigureFlags: round robin (budget == period) is period 0 with
// min_refills; a scheduling context in use by a runnable thread keeps its bandwidth (refill_update);
// any other starts with its whole budget now.
void set_parameters(SchedContext& sc, const Parameters& p) {
    if (p.budget == p.period) {
        refill_new(sc, min_refills, p.budget, 0, refill_clock());
    } else if (sc.refill_max && sc.tcb && sc.tcb->is_runnable()) {
        refill_update(sc, p.period, p.budget, p.refills, refill_clock());
    } else {
        refill_new(sc, p.refills, p.budget, p.period, refill_clock());
    }
    sc.badge = p.badge;
    sc.sporadic = (p.flags & 1) != 0;  // seL4_SchedContext_Sporadic
}

SysStatus configure_flags(const Message& msg) {
    using A = args::SchedControlConfigureFlags;
    Slot* target = msg.extra_cap(A::schedcontext);
    if (!target) return user_fail(truncation, "SchedControl_ConfigureFlags: Truncated message.");
    if (msg.length() < A::length) return user_fail(truncation, "SchedControl_configureFlags: truncated message.");
    auto p = decode_parameters(msg, target->cap);
    if (!p) return fail(p.error());
    auto& sc = *static_cast<SchedContext*>(target->cap.ptr());
    Tcb* t = sc.tcb;
    if (t) sched_dequeue(*t);
    set_parameters(sc, p.value());
    if (!t) return {};
    if (t == current_thread()) {
        reschedule_required();
    } else if (t->is_runnable()) {
        possible_switch_to(*t);
    }
    return {};
}

SysStatus bind_notification(SchedContext& sc, Notification& n) {
    if (sc.notification) return user_fail(illegal, "SchedContext_Bind: sched context already bound.");
    if (notification_sched_context(n)) return user_fail(illegal, "SchedContext_Bind: notification already bound");
    bind_sched_context_notification(sc, n);
    return {};
}

SysStatus bind(const Message& msg, SchedContext& sc) {
    Slot* s = msg.extra_cap(0);
    if (!s) return user_fail(truncation, "SchedContext_Bind: Truncated Message.");
    if (s->cap.type() == CapType::Notification) return bind_notification(sc, *static_cast<Notification*>(s->cap.ptr()));
    if (s->cap.type() != CapType::Thread) return user_fail(SyscallError::invalid_capability(1), "SchedContext_Bind: invalid cap.");
    auto& t = *static_cast<Tcb*>(s->cap.ptr());
    if (sc.tcb) return user_fail(illegal, "SchedContext_Bind: sched context already bound.");
    if (t.sched_context) return user_fail(illegal, "SchedContext_Bind: tcb already bound.");
    if (is_blocked(t) && !sc.refill_max) {
        return user_fail(illegal, "SchedContext_Bind: tcb blocked and scheduling context not schedulable.");
    }
    bind_sched_context(sc, t);
    return {};
}

SysStatus unbind_object(const Message& msg, SchedContext& sc) {
    Slot* s = msg.extra_cap(0);
    if (!s) return user_fail(truncation, "SchedContext_Unbind: Truncated message.");
    if (s->cap.type() == CapType::Notification) {
        if (sc.notification != s->cap.ptr()) return user_fail(illegal, "SchedContext UnbindObject: object not bound");
        unbind_sched_context_notification(sc);
        return {};
    }
    if (s->cap.type() != CapType::Thread) return user_fail(SyscallError::invalid_capability(1), "SchedContext_Unbind: invalid cap");
    if (sc.tcb != s->cap.ptr()) return user_fail(illegal, "SchedContext UnbindObject: object not bound");
    if (sc.tcb == current_thread()) return user_fail(illegal, "SchedContext UnbindObject: cannot unbind sc of current thread");
    unbind_sched_context(sc);
    return {};
}

SysStatus unbind(SchedContext& sc) {
    if (sc.tcb == current_thread()) return user_fail(illegal, "SchedContext UnbindObject: cannot unbind sc of current thread");
    unbind_sched_context(sc);
    unbind_sched_context_notification(sc);
    unbind_sched_context_reply(sc);
    return {};
}

// The time used since the last Consumed (none is counted yet), replied to a Call.
SysStatus consumed(const Message& msg, SchedContext& sc) {
    reply_one_word(msg, sc.consumed);
    sc.consumed = 0;
    return {};
}

SysStatus decode_sched_context(const Message& msg, SchedContext& sc) {
    switch (static_cast<L>(msg.label())) {
    case L::SchedContextConsumed: return consumed(msg, sc);
    case L::SchedContextBind: return bind(msg, sc);
    case L::SchedContextUnbindObject: return unbind_object(msg, sc);
    case L::SchedContextUnbind: return unbind(sc);
    default: return user_fail(illegal, "SchedContext invocation: Illegal operation attempted.");
    }
}

}  // namespace

u64 boot_budget_ticks() { return us_to_ticks(config::boot_thread_time_slice * 1000); }

SysStatus decode_sched_invocation(const Message& msg, const Cap& cap) {
    if (cap.type() == CapType::SchedContext) return decode_sched_context(msg, *static_cast<SchedContext*>(cap.ptr()));
    if (msg.label() != static_cast<word>(L::SchedControlConfigureFlags)) {
        return user_fail(illegal, "SchedControl invocation: Illegal operation attempted.");
    }
    return configure_flags(msg);
}

}  // namespace core
