// The syscall fuzzer in the MCS configuration: MCS's system calls, scheduling contexts, a
// SchedControl cap and reply objects to invoke, and time that passes on the simulated clock, the
// one-shot timer's interrupt taken when its deadline comes.
#include "arch/host_machine.h"
#include "arch/interrupts.h"
#include "fuzz_config.h"
#include "kernel/sched.h"
#include "kernel/sched_time.h"
#include "object/interrupt.h"
#include "object/sched_context.h"
#include "object/sched_invocation.h"

namespace fuzz {

namespace {
using core::Syscall;
constexpr Syscall calls[] = {Syscall::Call, Syscall::ReplyRecv, Syscall::NBSendRecv, Syscall::NBSendWait, Syscall::Send,
                             Syscall::NBSend, Syscall::Recv, Syscall::NBRecv, Syscall::Wait, Syscall::NBWait,
                             Syscall::Yield, Syscall::Call, Syscall::SetTLSBase};

// SchedControl 61; scheduling contexts 62-66 (62-64 the threads', in their order); reply objects 67-70.
constexpr word sched_control_slot = 61, first_sc_slot = 62, sc_count = 5, first_reply_slot = 67, reply_count = 4;
constexpr word sc_size_bits = 8;  // room for 8 extra refills

// The timer's interrupt, as the x86_64 trap entry takes it on MCS.
void take_timer_interrupt() {
    core::interrupt_entry_time();
    core::handle_interrupt(arch::irq_timer);
}
}  // namespace

std::span<const core::Syscall> api_calls() { return calls; }

void prepare_threads(HostWorld& w, std::span<core::Tcb* const> threads) {
    HostWorld::write_original(core::Cap::sched_control(0), w.root[sched_control_slot]);
    retype(w, core::ObjectType::SchedContext, sc_size_bits, first_sc_slot, sc_count);
    retype(w, core::ObjectType::Reply, 0, first_reply_slot, reply_count);
    for (size_t i = 0; i < threads.size(); i++) {
        auto& sc = *static_cast<core::SchedContext*>(w.root[first_sc_slot + i].cap.ptr());
        core::configure_sched_context(*threads[i], sc, core::boot_budget_ticks());
        if (i > 0) core::sched_enqueue(*threads[i]);
    }
    host::reset_timer();
    core::start_clock(*threads[0]);
}

void load_config_registers(core::Tcb& t, Input& in) {
    arch::reply_register(t.context) = in.value();
    arch::nb_send_recv_dest_register(t.context) = in.value();
}

// In steps of 10 us: a byte's worth is up to 2.4 ms (the boot budget is 5 ms), a full value up to minutes.
void timer_step(Input& in) {
    u64 ticks = in.value() % (u64{1} << 24) * 10 * host::timer_ticks_per_us;
    if (host::pass_time(ticks)) take_timer_interrupt();
}

bool idle_until_deadline() {
    u64 deadline = host::timer_deadline(), now = arch::current_time();
    if (deadline == ~u64{0}) return false;
    host::pass_time(deadline > now ? deadline - now : 0);
    take_timer_interrupt();
    return true;
}

}  // namespace fuzz
