// The kernel's tables for the MCS configuration (tools/gen/golden/{mcs,riscv64-mcs,aarch64-mcs}/
// kernel/generated/, where a configuration keeps its kernel/generated/config.h) parse for their
// architecture and number as seL4 16.0.0 does with KernelIsMCS (CTest
// gen.kernel_labels.{x86_64,riscv64,aarch64}.mcs; the kernel is built classic, so nothing else
// compiles them yet).
#include "generated/invocations.h"
#include "generated/syscalls.h"

using core::InvocationLabel;
using core::Syscall;

constexpr word label(InvocationLabel l) { return static_cast<word>(l); }

static_assert(static_cast<sword>(Syscall::NBSendRecv) == -3 && static_cast<sword>(Syscall::NBSendWait) == -4);
static_assert(static_cast<sword>(Syscall::Recv) == -7 && static_cast<sword>(Syscall::NBWait) == -10);
static_assert(static_cast<sword>(Syscall::Yield) == -11 && core::syscall_min == -11);
static_assert(static_cast<sword>(Syscall::DebugPutChar) == -12 && static_cast<sword>(Syscall::SetTLSBase) == -33);
static_assert(label(InvocationLabel::TCBSetSchedParams) == 8 && label(InvocationLabel::TCBSetTimeoutEndpoint) == 9);
static_assert(label(InvocationLabel::CNodeRotate) == 25 && label(InvocationLabel::IRQIssueIRQHandler) == 26);
static_assert(label(InvocationLabel::SchedControlConfigureFlags) == 33);
static_assert(label(InvocationLabel::SchedContextYieldTo) == 38);
// the MCS argument forms: caps where classic passes words
static_assert(core::args::TCBConfigure::length == 3 && core::args::TCBConfigure::extra_caps == 3);
static_assert(core::args::TCBSetSchedParams::sched_context.index == 1 && core::args::TCBSetSchedParams::fault_ep.index == 2);
static_assert(core::args::TCBSetSpace::fault_ep.index == 0 && core::args::TCBSetSpace::extra_caps == 3);
static_assert(core::args::TCBSetTimeoutEndpoint::timeout_fault_ep.index == 0);
static_assert(core::args::SchedControlConfigureFlags::length == 5 && core::args::SchedControlConfigureFlags::flags.word == 4);
static_assert(core::args::SchedContextConsumed::out_consumed.word == 0);
#if defined(__x86_64__)
static_assert(label(InvocationLabel::X86PDPTMap) == 39 && label(InvocationLabel::X86PageDirectoryMap) == 41);
static_assert(label(InvocationLabel::X86IRQIssueIRQHandlerMSI) == 58 && core::invocation_label_count == 59);
#elif defined(__riscv)
static_assert(label(InvocationLabel::RISCVPageTableMap) == 39);
static_assert(label(InvocationLabel::RISCVIRQIssueIRQHandlerTrigger) == 46 && core::invocation_label_count == 47);
#else
static_assert(label(InvocationLabel::ARMVSpaceClean_Data) == 39 && label(InvocationLabel::ARMPageTableMap) == 44);
static_assert(label(InvocationLabel::ARMIRQIssueSGISignal) == 56 && core::invocation_label_count == 57);
#endif
