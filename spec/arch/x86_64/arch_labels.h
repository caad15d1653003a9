// The x86_64 labels of the invocations the generic part decodes (frames, ASID control and pools).
#pragma once
#include "generated/invocations.h"

namespace spec {

constexpr core::InvocationLabel page_map_label = core::InvocationLabel::X86PageMap;
constexpr core::InvocationLabel page_unmap_label = core::InvocationLabel::X86PageUnmap;
constexpr core::InvocationLabel page_get_address_label = core::InvocationLabel::X86PageGetAddress;
constexpr core::InvocationLabel make_pool_label = core::InvocationLabel::X86ASIDControlMakePool;
constexpr core::InvocationLabel assign_label = core::InvocationLabel::X86ASIDPoolAssign;

}  // namespace spec
