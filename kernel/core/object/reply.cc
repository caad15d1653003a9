// MCS reply objects, their call stacks, and scheduling-context donation along them.
#include "object/reply.h"
#include "kernel/sched.h"
#include "kernel/sched_time.h"
#include "kernel/thread.h"
#include "object/endpoint.h"
#include "object/sched_context.h"
#include "object/tcb.h"

namespace core {

void push_reply(Tcb& caller, Tcb& callee, Reply& r, bool can_donate) {
    SchedContext* sc = caller.sched_context;
    link_reply(caller, r);
    set_thread_state(caller, ThreadState::BlockedOnReply);
    if (!sc || callee.sched_context || !can_donate) return;
    push_call_stack(r, *sc);
    donate_sched_context(*sc, callee);
}

void unlink_reply(Reply& r) {
    Tcb* t = r.tcb;
    if (!t) return;
    t->reply = nullptr;
    r.tcb = nullptr;
    set_thread_state(*t, ThreadState::Inactive);
}

namespace {
// `r`, the newest call of its stack, leaves it: the call below becomes the head, and the
// scheduling context returns to `r`'s caller unless that has been given another meanwhile.
void pop_reply(Reply& r, SchedContext& sc) {
    Tcb& caller = *r.tcb;
    pop_call_stack(r, sc);
    if (!caller.sched_context) donate_sched_context(sc, caller);
    unlink_reply(r);
}

// `r` leaves its stack, the calls above and below it no longer linked.
void cut_call_stack(Reply& r) {
    if (Reply* above = r.above()) above->prev = nullptr;
    if (r.prev) r.prev->next = 0;
    r.prev = nullptr;
    r.next = 0;
    unlink_reply(r);
}
}  // namespace

void remove_reply(Reply& r) {
    if (SchedContext* sc = r.head_of()) {
        pop_reply(r, *sc);
        return;
    }
    cut_call_stack(r);
}

void remove_reply_tcb(Tcb& t) {
    Reply& r = *t.reply;
    if (SchedContext* sc = r.head_of()) {
        sc->reply = nullptr;
        r.next = 0;
    }
    cut_call_stack(r);
}

// A caller waiting on `r` stops waiting (the stack popped or cut); a receiver holding `r` stops
// receiving.
void finalise_reply(Reply& r) {
    Tcb* t = r.tcb;
    if (!t) return;
    if (t->state == ThreadState::BlockedOnReceive) {
        cancel_ipc(*t);
        return;
    }
    remove_reply(r);
}

void donate_sched_context(SchedContext& sc, Tcb& to) {
    if (Tcb* from = sc.tcb) {
        sched_dequeue(*from);
        if constexpr (config::kernel_mcs) release_remove(*from);
        from->sched_context = nullptr;
        if (from == current_thread() || is_switch_candidate(*from)) reschedule_required();
    }
    sc.tcb = &to;
    to.sched_context = &sc;
}

void unbind_sched_context_reply(SchedContext& sc) {
    if (!sc.reply) return;
    sc.reply->next = 0;
    sc.reply = nullptr;
}

namespace {
// A reply object's place in its call stack: its neighbours and its scheduling context lead back.
const char* check_call_stack(const Reply& r) {
    if (const SchedContext* sc = r.head_of(); sc && sc->reply != &r) return "a call stack's head is not its context's reply";
    if (const Reply* above = r.above(); above && above->prev != &r) return "a newer call does not lead back";
    if (r.prev && r.prev->above() != &r) return "an older call does not lead back";
    return nullptr;
}

const char* check_thread_donation(const Tcb& t) {
    const SchedContext* sc = t.sched_context;
    if (sc && sc->tcb != &t) return "a thread's scheduling context is bound to another";
    if (sc && sc->reply && sc->reply->head_of() != sc) return "a context's reply is not its call stack's head";
    if (t.in_ready_queue && !(sc && sc->refill_max)) return "a queued thread has no configured scheduling context";
    const Reply* r = t.reply;
    bool waits_on_reply = t.state == ThreadState::BlockedOnReply;
    if (waits_on_reply && !r) return "a thread waits for a reply without a reply object";
    if (!r) return nullptr;
    if (r->tcb != &t) return "a thread's reply object names another thread";
    if (waits_on_reply) return check_call_stack(*r);
    if (t.state != ThreadState::BlockedOnReceive) return "a thread neither receiving nor called holds a reply object";
    return r->prev || r->next ? "a receiver's reply object is in a call stack" : nullptr;
}

// A call stack longer than this loops: each call has a thread of its own waiting on it.
constexpr word max_call_depth = word{1} << 20;

// `t`'s scheduling context's call stack from its reply objects' side, newest call first: every
// call in it names a thread waiting on it (which the thread's own check then sees blocked on a
// reply), and it ends.
const char* check_stack_callers(const Tcb& t) {
    if (!t.sched_context) return nullptr;
    word depth = 0;
    for (const Reply* r = t.sched_context->reply; r; r = r->prev) {
        if (++depth > max_call_depth) return "a call stack does not end";
        if (!r->tcb || r->tcb->reply != r) return "a call in a stack names no thread waiting on it";
    }
    return nullptr;
}
}  // namespace

const char* check_donation_invariants() {
    for (const Tcb* t = debug_first_tcb(); t; t = t->debug_next) {
        if (const char* why = check_thread_donation(*t)) return why;
    }
    for (const Tcb* t = debug_first_tcb(); t; t = t->debug_next) {
        if (const char* why = check_stack_callers(*t)) return why;
    }
    return nullptr;
}

const char* check_donation_of(const Tcb& a, const Tcb& b) {
    using Check = const char* (*)(const Tcb&);
    constexpr Check checks[] = {check_thread_donation, check_stack_callers};
    for (Check check : checks) {
        if (const char* why = check(a)) return why;
        if (const char* why = check(b)) return why;
    }
    return nullptr;
}

}  // namespace core
