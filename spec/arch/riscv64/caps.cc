// riscv64's caps (seL4's arch/riscv objecttype.c): page tables at every level with a mapped one as
// VSpace root; no cap the generic part does not already know.
#include "ops.h"

namespace spec {

bool is_vspace_table(CapType t) { return t == CapType::PageTable; }

// isValidVTableRoot: a page-table cap with an ASID.
bool is_valid_vtable_root(const Cap& c) { return c.type == CapType::PageTable && c.mapped; }

bool arch_same_region_as(const Cap&, const Cap&) { return false; }

bool issued_by_arch_control(const Cap&, const Cap&) { return false; }

Cap arch_derive_cap(const Cap& cap) { return cap; }

CapType table_cap_type(ObjectType) { return CapType::PageTable; }

// Frames have no invocations beyond the generic part's.
SyscallError decode_arch_frame(State&, const Invocation&, SlotRef) { return illegal(); }

}  // namespace spec
