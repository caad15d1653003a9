// The riscv64 labels of the invocations the generic part decodes (frames, ASID control and pools) and
// paging_tables.cc (page tables).
#pragma once
#include "generated/invocations.h"

namespace spec {

constexpr core::InvocationLabel page_map_label = core::InvocationLabel::RISCVPageMap;
constexpr core::InvocationLabel page_unmap_label = core::InvocationLabel::RISCVPageUnmap;
constexpr core::InvocationLabel page_get_address_label = core::InvocationLabel::RISCVPageGetAddress;
constexpr core::InvocationLabel make_pool_label = core::InvocationLabel::RISCVASIDControlMakePool;
constexpr core::InvocationLabel assign_label = core::InvocationLabel::RISCVASIDPoolAssign;
constexpr core::InvocationLabel page_table_map_label = core::InvocationLabel::RISCVPageTableMap;
constexpr core::InvocationLabel page_table_unmap_label = core::InvocationLabel::RISCVPageTableUnmap;

}  // namespace spec
