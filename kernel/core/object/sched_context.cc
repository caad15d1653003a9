// MCS scheduling contexts: binding, and what deleting them undoes.
#include "object/sched_context.h"
#include "kernel/sched.h"
#include "kernel/sched_time.h"
#include "kernel/thread.h"
#include "object/endpoint.h"
#include "object/reply.h"
#include "object/tcb.h"

namespace core {

// Round robin's two refills, as refill_new makes them: the whole budget at the head, and an empty
// tail that collects the time used.
void configure_sched_context(Tcb& t, SchedContext& sc, u64 budget) {
    sc.period = 0;
    sc.refill_head = 0;
    sc.refill_tail = 1;
    sc.refill_max = min_refills;
    sc.refills()[0] = Refill{0, budget};
    sc.refills()[1] = Refill{0, 0};
    t.sched_context = &sc;
    sc.tcb = &t;
}

void bind_sched_context(SchedContext& sc, Tcb& t) {
    t.sched_context = &sc;
    sc.tcb = &t;
    if constexpr (config::kernel_mcs) wait_for_budget(sc);
    if (!t.is_runnable() || !has_released_budget(t)) return;
    sched_enqueue(t);
    reschedule_required();
}

void unbind_sched_context(SchedContext& sc) {
    Tcb* t = sc.tcb;
    if (!t) return;
    if (t == current_thread()) reschedule_required();
    sched_dequeue(*t);
    if constexpr (config::kernel_mcs) release_remove(*t);
    t->sched_context = nullptr;
    sc.tcb = nullptr;
}

namespace {
// `sc` loses its thread, and a thread yielding to it is answered: what deleting either does
// (seL4's finaliseCap: schedContext_unbindTCB, then schedContext_completeYieldTo of scYieldFrom).
void unbind_thread_and_yielder(SchedContext& sc) {
    unbind_sched_context(sc);
    if constexpr (config::kernel_mcs) {
        if (sc.yield_from) complete_yield_to(*sc.yield_from);
    }
}
}  // namespace

void unbind_deleted_thread_sched_context(Tcb& t) {
    if (t.sched_context) unbind_thread_and_yielder(*t.sched_context);
}

SchedContext*& notification_sched_context(Notification& n) {
    static_assert(sizeof(Notification) + sizeof(SchedContext*) <= bit(notification_size_bits) || !config::kernel_mcs);
    return *reinterpret_cast<SchedContext**>(reinterpret_cast<u8*>(&n) + sizeof(Notification));
}

void bind_sched_context_notification(SchedContext& sc, Notification& n) {
    sc.notification = &n;
    notification_sched_context(n) = &sc;
}

void unbind_sched_context_notification(SchedContext& sc) {
    if (!sc.notification) return;
    notification_sched_context(*sc.notification) = nullptr;
    sc.notification = nullptr;
}

// seL4 unbinds the notification and the call stack before it answers the yielder; neither
// touches the yielder or the time consumed, so the order makes no difference.
void finalise_sched_context(SchedContext& sc) {
    unbind_thread_and_yielder(sc);
    unbind_sched_context_notification(sc);
    unbind_sched_context_reply(sc);
    sc.refill_max = 0;
    sc.sporadic = false;
}

}  // namespace core
