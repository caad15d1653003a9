// MCS (seL4 16.0.0 with CONFIG_KERNEL_MCS): reply objects and the call stacks they form
// (src/object/reply.c), scheduling-context donation (schedContext_donate), the reply
// (doReplyTransfer). Only the MCS configuration calls it.
#include "ops.h"
#include "spec.h"

namespace spec {

namespace {

void remove_from_release_queue(State& s, word t) {
    std::erase(s.release_queue, t);
    s.threads.at(t).in_release_queue = false;
}

}  // namespace

void donate_sched_context(State& s, word sc, word to) {
    SchedContext& c = s.sched_contexts.at(sc);
    if (word from = c.thread) {
        sched_dequeue(s, from);
        remove_from_release_queue(s, from);
        s.threads.at(from).sc = 0;
        if (from == s.current || (s.action == SchedAction::SwitchTo && from == s.candidate)) reschedule_required(s);
    }
    c.thread = to;
    s.threads.at(to).sc = sc;
}

void reply_unlink(State& s, word reply) {
    Reply& r = s.replies.at(reply);
    word t = r.thread;
    r.thread = 0;
    s.threads.at(t).reply = 0;
    set_thread_state(s, t, ThreadState::Inactive);
}

void reply_push(State& s, word caller, word callee, word reply, bool can_donate) {
    Reply& r = s.replies.at(reply);
    r.thread = caller;
    s.threads.at(caller).reply = reply;
    set_thread_state(s, caller, ThreadState::BlockedOnReply);
    word sc = s.threads.at(caller).sc;
    if (!sc || s.threads.at(callee).sc || !can_donate) return;
    SchedContext& c = s.sched_contexts.at(sc);
    if (c.reply) {  // the call below no longer heads the stack
        s.replies.at(c.reply).head_of = 0;
        s.replies.at(c.reply).next = reply;
    }
    r.prev = c.reply;
    r.next = 0;
    r.head_of = sc;
    c.reply = reply;
    donate_sched_context(s, sc, callee);
}

namespace {

// The newest call of a stack is answered: the call below heads it, and the scheduling context
// goes back to the caller unless it was given another meanwhile (seL4's reply_pop).
void reply_pop(State& s, word reply) {
    Reply& r = s.replies.at(reply);
    word sc = r.head_of, caller = r.thread;
    s.sched_contexts.at(sc).reply = r.prev;
    if (r.prev) {
        s.replies.at(r.prev).head_of = sc;
        s.replies.at(r.prev).next = 0;
    }
    r.head_of = 0;
    r.prev = 0;
    if (!s.threads.at(caller).sc) donate_sched_context(s, sc, caller);
    reply_unlink(s, reply);
}

// The reply object leaves its stack, which is cut there.
void cut_stack(State& s, word reply) {
    Reply& r = s.replies.at(reply);
    if (r.head_of) s.sched_contexts.at(r.head_of).reply = 0;
    if (r.next) s.replies.at(r.next).prev = 0;
    if (r.prev) {
        s.replies.at(r.prev).next = 0;
        s.replies.at(r.prev).head_of = 0;
    }
    r.prev = r.next = r.head_of = 0;
}

}  // namespace

void reply_remove(State& s, word reply) {
    if (s.replies.at(reply).head_of) {
        reply_pop(s, reply);
        return;
    }
    cut_stack(s, reply);
    reply_unlink(s, reply);
}

void reply_remove_tcb(State& s, word thread) {
    word reply = s.threads.at(thread).reply;
    cut_stack(s, reply);
    reply_unlink(s, reply);
}

// seL4's refill_ready and refill_sufficient(sc, 0): the head refill is due and holds MIN_BUDGET.
bool budget_ready(const State& s, word sc) {
    const Refill& head = s.sched_contexts.at(sc).refills.front();
    return head.time <= s.time + kernel_wcet_ticks && head.amount >= min_budget;
}

void do_reply_transfer_mcs(State& s, word sender, word reply, bool grant) {
    word receiver = s.replies.at(reply).thread;
    if (!receiver || s.threads.at(receiver).state != ThreadState::BlockedOnReply) return;
    reply_remove(s, reply);
    if (s.threads.at(receiver).fault.type == FaultType::Null) {
        transfer_reply_message(s, sender, receiver, grant);
        set_thread_state(s, receiver, ThreadState::Running);
    } else {
        bool restart = handle_fault_reply(s, receiver, sender);
        s.threads.at(receiver).fault = Fault{};
        set_thread_state(s, receiver, restart ? ThreadState::Restart : ThreadState::Inactive);
    }
    const Thread& r = s.threads.at(receiver);
    if (r.sc && runnable(r.state) && budget_ready(s, r.sc)) possible_switch_to(s, receiver);
}

// Not modelled yet: the generator does not invoke scheduling-control or scheduling-context
// caps in MCS runs (docs/spec.md).
SyscallError decode_sched_control(State&, const Invocation&) { return illegal(); }
SyscallError decode_sched_context(State&, const Invocation&, SlotRef) { return illegal(); }

}  // namespace spec
