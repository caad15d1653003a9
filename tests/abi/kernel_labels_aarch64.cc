// The kernel's invocation tables generated for aarch64 (kernel/arch/aarch64/generated/arch/) join
// core's into one InvocationLabel and parse for aarch64 (CTest gen.kernel_labels.aarch64; there is
// no aarch64 kernel yet).
#include "generated/invocations.h"

using core::InvocationLabel;

constexpr word label(InvocationLabel l) { return static_cast<word>(l); }

static_assert(label(InvocationLabel::ARMVSpaceClean_Data) == 33 && label(InvocationLabel::ARMSMCCall) == 37);
static_assert(label(InvocationLabel::ARMPageTableMap) == 38 && label(InvocationLabel::ARMPageMap) == 40);
static_assert(label(InvocationLabel::ARMIRQIssueSGISignal) == 50 && core::invocation_label_count == 51);
static_assert(core::args::ARMPageMap::length == 3 && core::args::ARMPageMap::attr.word == 2);
static_assert(core::args::ARMPageMap::vspace.index == 0);
static_assert(core::args::ARMPageClean_Data::length == 2 && core::args::ARMPageClean_Data::end_offset.word == 1);
static_assert(core::args::ARMIRQIssueSGISignal::target.word == 1 && core::args::ARMIRQIssueSGISignal::depth.word == 3);
// SMC's eight argument registers travel as message words 0..7
static_assert(core::args::ARMSMCCall::length == 8);
// the generic register views count aarch64's 36-word seL4_UserContext
static_assert(core::args::TCBWriteRegisters::length == 2 + 36);
static_assert(core::args::TCBReadRegisters::reply_length == 36);
