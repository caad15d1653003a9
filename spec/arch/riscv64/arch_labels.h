// The riscv64 labels of the invocations the generic part decodes (ASID control and pools).
#pragma once
#include "generated/invocations.h"

namespace spec {

constexpr core::InvocationLabel make_pool_label = core::InvocationLabel::RISCVASIDControlMakePool;
constexpr core::InvocationLabel assign_label = core::InvocationLabel::RISCVASIDPoolAssign;

}  // namespace spec
