// The aarch64 labels of the invocations the generic part decodes (frames, ASID control and pools) and
// paging_tables.cc (page tables).
#pragma once
#include "generated/invocations.h"

namespace spec {

constexpr core::InvocationLabel page_map_label = core::InvocationLabel::ARMPageMap;
constexpr core::InvocationLabel page_unmap_label = core::InvocationLabel::ARMPageUnmap;
constexpr core::InvocationLabel page_get_address_label = core::InvocationLabel::ARMPageGetAddress;
constexpr core::InvocationLabel make_pool_label = core::InvocationLabel::ARMASIDControlMakePool;
constexpr core::InvocationLabel assign_label = core::InvocationLabel::ARMASIDPoolAssign;
constexpr core::InvocationLabel page_table_map_label = core::InvocationLabel::ARMPageTableMap;
constexpr core::InvocationLabel page_table_unmap_label = core::InvocationLabel::ARMPageTableUnmap;

}  // namespace spec
