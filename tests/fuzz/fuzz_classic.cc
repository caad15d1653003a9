// The syscall fuzzer in the classic configuration: reply caps, Reply and SaveCaller's system-call
// set, a periodic tick.
#include "fuzz_config.h"
#include "kernel/ipc.h"
#include "kernel/sched.h"

namespace fuzz {

namespace {
using core::Syscall;
constexpr Syscall calls[] = {Syscall::Call, Syscall::Send, Syscall::NBSend, Syscall::Recv, Syscall::NBRecv,
                             Syscall::Reply, Syscall::ReplyRecv, Syscall::Yield, Syscall::Call, Syscall::Call,
                             Syscall::DebugCapIdentify, Syscall::SetTLSBase};
}  // namespace

std::span<const core::Syscall> api_calls() { return calls; }

void prepare_threads(HostWorld&, std::span<core::Tcb* const> threads) {
    for (core::Tcb* t : threads) core::setup_reply_master(*t);
}

void load_config_registers(core::Tcb&, Input&) {}

void timer_step(Input&) { core::timer_tick(); }

bool idle_until_deadline() { return false; }

}  // namespace fuzz
