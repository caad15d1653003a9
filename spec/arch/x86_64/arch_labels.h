// The x86_64 labels of the invocations the generic part decodes (ASID control and pools).
#pragma once
#include "generated/invocations.h"

namespace spec {

constexpr core::InvocationLabel make_pool_label = core::InvocationLabel::X86ASIDControlMakePool;
constexpr core::InvocationLabel assign_label = core::InvocationLabel::X86ASIDPoolAssign;

}  // namespace spec
