// The kernel's invocation tables generated for riscv64 (kernel/arch/riscv64/generated/arch/) join
// core's into one InvocationLabel and parse for riscv64 (CTest gen.kernel_labels.riscv64; nothing
// builds a riscv64 kernel yet).
#include "generated/invocations.h"

using core::InvocationLabel;

static_assert(static_cast<word>(InvocationLabel::DomainScheduleSetStart) == 32);
static_assert(static_cast<word>(InvocationLabel::RISCVPageTableMap) == 33);
static_assert(static_cast<word>(InvocationLabel::RISCVPageMap) == 35);
static_assert(static_cast<word>(InvocationLabel::RISCVIRQIssueIRQHandlerTrigger) == 40);
static_assert(core::invocation_label_count == 41);
static_assert(core::args::RISCVPageMap::length == 3 && core::args::RISCVPageMap::attr.word == 2);
static_assert(core::args::RISCVPageMap::vspace.index == 0);
static_assert(core::args::RISCVASIDControlMakePool::depth.word == 1);
static_assert(core::args::RISCVPageGetAddress::out_paddr.word == 0);
// the generic register views count riscv64's 32-word seL4_UserContext
static_assert(core::args::TCBWriteRegisters::length == 2 + 32);
static_assert(core::args::TCBReadRegisters::reply_length == 32);
