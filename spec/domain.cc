// The domain capability (seL4's domain.c): a thread's domain, and the domain schedule.
#include "generated/invocations.h"
#include "ops.h"

namespace spec {

using Label = core::InvocationLabel;

namespace {

SyscallError set_set(State& s, const Invocation& inv) {
    if (inv.words.empty()) return error(Error::TruncatedMessage);
    word domain = inv.words[0];
    if (domain >= num_domains) return error(Error::InvalidArgument, 0);
    if (inv.extra.empty()) return error(Error::TruncatedMessage);
    const Cap t = slot_at(s, inv.extra[0]).cap;
    if (t.type != CapType::Thread) return error(Error::InvalidArgument, 1);
    set_thread_state(s, inv.thread, ThreadState::Restart);
    set_domain(s, t.object, domain);
    return ok();
}

// The last entry always stays an end marker; the start entry may not become one.
SyscallError schedule_configure(State& s, const Invocation& inv) {
    if (inv.words.size() < 3) return error(Error::TruncatedMessage);
    word index = inv.words[0], domain = inv.words[1], duration = inv.words[2];
    if (index >= domain_schedule_length - 1) return error(Error::RangeError, 0, domain_schedule_length - 2);
    if (domain >= num_domains) return error(Error::RangeError, 0, num_domains - 1);
    if (duration > max_domain_duration) return error(Error::InvalidArgument, 2);
    if (duration == 0 && domain != 0) return error(Error::InvalidArgument, 1);
    if (index == s.schedule_start && duration == 0) return error(Error::InvalidArgument, 2);
    set_thread_state(s, inv.thread, ThreadState::Restart);
    s.domain_schedule[index] = {domain, duration};
    return ok();
}

// A new start ends the current entry at once.
SyscallError schedule_set_start(State& s, const Invocation& inv) {
    if (inv.words.empty()) return error(Error::TruncatedMessage);
    word index = inv.words[0];
    if (index >= domain_schedule_length) return error(Error::RangeError, 0, domain_schedule_length - 1);
    if (s.domain_schedule[index].duration == 0) return error(Error::InvalidArgument, 0);
    set_thread_state(s, inv.thread, ThreadState::Restart);
    s.schedule_start = index;
    s.domain_time = 0;
    s.schedule_index = domain_schedule_length - 2;
    reschedule_required(s);
    return ok();
}

}  // namespace

SyscallError decode_domain_invocation(State& s, const Invocation& inv) {
    switch (static_cast<Label>(inv.label)) {
    case Label::DomainSetSet: return set_set(s, inv);
    case Label::DomainScheduleConfigure: return schedule_configure(s, inv);
    case Label::DomainScheduleSetStart: return schedule_set_start(s, inv);
    default: return error(Error::IllegalOperation);
    }
}

}  // namespace spec
