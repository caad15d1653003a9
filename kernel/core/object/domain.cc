// Scheduling domains: DomainSet_Set, DomainSet_ScheduleConfigure and DomainSet_ScheduleSetStart,
// and the domain schedule the kernel steps through (seL4 16.0.0 semantics).
#include "object/domain.h"
#include "kernel/preemption.h"
#include "generated/config.h"
#include "kernel/sched.h"
#include "kernel/sched_time.h"
#include "kernel/thread.h"
#include "kernel/user_error.h"
#include "object/tcb.h"

namespace core {
namespace {

// An entry packs the domain into the top 8 bits and the duration (in timer ticks) into the
// other 56, as seL4 does; the all-zero entry is an end marker, and the last entry always is one.
constexpr unsigned domain_shift = 56;
constexpr u64 max_duration = ~u64{0} >> 8;

u64 make_entry(word domain, u64 duration) { return (u64{domain} << domain_shift) | duration; }
word entry_domain(u64 e) { return e >> domain_shift; }
u64 entry_duration(u64 e) { return e & max_duration; }

u64 domain_schedule[config::num_domain_schedules];
word schedule_start, schedule_index, domain_now;
u64 domain_time;

const SyscallError truncation = SyscallError::of(ErrorCode::TruncatedMessage);

SysStatus decode_set(const Message& msg) {
    if (msg.length() == 0) return user_fail(truncation, "Domain Configure: Truncated message.");
    word domain = msg.arg(args::DomainSetSet::domain);
    if (domain >= config::num_domains) {
        return user_fail(SyscallError::invalid_argument(0), "Domain Configure: invalid domain (%lu >= %u).", domain,
                         static_cast<unsigned>(config::num_domains));
    }
    Slot* t = msg.extra_cap(args::DomainSetSet::thread);
    if (!t) return user_fail(truncation, "Domain Configure: Truncated message.");
    if (t->cap.type() != CapType::Thread) {
        return user_fail(SyscallError::invalid_argument(1), "Domain Configure: thread cap required.");
    }
    set_domain(*static_cast<Tcb*>(t->cap.ptr()), domain);
    return {};
}

SysStatus decode_schedule_configure(const Message& msg) {
    using A = args::DomainScheduleConfigure;
    if (msg.length() < A::length) return user_fail(truncation, "Domain Schedule Configure: Truncated message.");
    word index = msg.arg(A::index), domain = msg.arg(A::domain);
    u64 duration = msg.arg(A::duration);
    // The last entry stays an end marker.
    if (index >= config::num_domain_schedules - 1) {
        return user_fail(SyscallError::range(0, config::num_domain_schedules - 2),
                         "Domain Schedule Configure: Invalid index.");
    }
    if (domain >= config::num_domains) {
        return user_fail(SyscallError::range(0, config::num_domains - 1), "Domain Schedule Configure: Invalid domain.");
    }
    if (duration > max_duration) {
        return user_fail(SyscallError::invalid_argument(2), "Domain Schedule Configure: Duration must fit in 56 bits.");
    }
    if (duration == 0 && domain != 0) {
        return user_fail(SyscallError::invalid_argument(1),
                         "Domain Schedule Configure: Both domain and duration must be zero for end markers.");
    }
    if (index == schedule_start && duration == 0) {
        return user_fail(SyscallError::invalid_argument(2),
                         "Domain Schedule Configure: Starting schedule's duration must not be zero.");
    }
    domain_schedule[index] = make_entry(domain, duration);
    return {};
}

// A new start ends the current entry at once: the scheduler steps from the last entry, an end
// marker, back to the start.
SysStatus decode_schedule_set_start(const Message& msg) {
    // seL4 says "Configure" here too.
    if (msg.length() < 1) return user_fail(truncation, "Domain Schedule Configure: Truncated message.");
    word index = msg.arg(args::DomainScheduleSetStart::index);
    if (index >= config::num_domain_schedules) {
        return user_fail(SyscallError::range(0, config::num_domain_schedules - 1),
                         "Domain Schedule Set Start: Invalid index.");
    }
    if (domain_schedule[index] == 0) {
        return user_fail(SyscallError::invalid_argument(0),
                         "Domain Schedule Set Start: Starting schedule must not be an end marker.");
    }
    schedule_start = index;
    schedule_index = config::num_domain_schedules - 2;
    domain_time = 0;
    reschedule_required();
    return {};
}

}  // namespace

void init_domain_schedule() {
    for (u64& e : domain_schedule) e = 0;
    domain_schedule[0] = make_entry(0, max_duration);
    schedule_start = schedule_index = domain_now = 0;
    domain_time = max_duration;
}

SysStatus decode_domain_invocation(const Message& msg) {
    using L = InvocationLabel;
    switch (static_cast<L>(msg.label())) {
    case L::DomainSetSet: return decode_set(msg);
    case L::DomainScheduleConfigure: return decode_schedule_configure(msg);
    case L::DomainScheduleSetStart: return decode_schedule_set_start(msg);
    default: return fail(SyscallError::of(ErrorCode::IllegalOperation));
    }
}

word current_domain() { return domain_now; }

void domain_tick() {
    if (config::num_domains <= 1) return;
    if (--domain_time == 0) reschedule_required();
}

void domain_time_passes(u64 elapsed, u64 margin) {
    if (config::num_domains <= 1) return;
    domain_time = elapsed + margin >= domain_time ? 0 : domain_time - elapsed;
}

u64 domain_time_left() { return domain_time; }

bool current_domain_expired() { return config::num_domains > 1 && domain_time == 0; }

// MCS: the new entry's end is a new deadline (seL4's nextDomain sets ksReprogram).
void next_domain_if_expired() {
    if (domain_time != 0) return;
    schedule_index++;
    if (domain_schedule[schedule_index] == 0) schedule_index = schedule_start;
    domain_now = entry_domain(domain_schedule[schedule_index]);
    domain_time = entry_duration(domain_schedule[schedule_index]);
    reset_preemption_work();
    if constexpr (config::kernel_mcs) reprogram_timer();
}

}  // namespace core
