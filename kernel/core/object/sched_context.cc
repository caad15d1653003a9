// MCS scheduling contexts: binding, and what deleting them undoes.
#include "object/sched_context.h"
#include "kernel/sched.h"
#include "kernel/thread.h"
#include "object/endpoint.h"
#include "object/reply.h"
#include "object/tcb.h"

namespace core {

void configure_sched_context(Tcb& t, SchedContext& sc, u64 budget) {
    sc.period = 0;
    sc.refill_head = sc.refill_tail = 0;
    sc.refill_max = min_refills;
    sc.refills()[0] = Refill{0, budget};
    t.sched_context = &sc;
    sc.tcb = &t;
}

void bind_sched_context(SchedContext& sc, Tcb& t) {
    t.sched_context = &sc;
    sc.tcb = &t;
    if (!t.is_runnable()) return;
    sched_enqueue(t);
    reschedule_required();
}

void unbind_sched_context(SchedContext& sc) {
    Tcb* t = sc.tcb;
    if (!t) return;
    if (t == current_thread()) reschedule_required();
    sched_dequeue(*t);
    t->sched_context = nullptr;
    sc.tcb = nullptr;
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

void finalise_sched_context(SchedContext& sc) {
    unbind_sched_context(sc);
    unbind_sched_context_notification(sc);
    unbind_sched_context_reply(sc);
    sc.refill_max = 0;
    sc.sporadic = false;
}

}  // namespace core
