// aarch64's caps (seL4's arch/arm objecttype.c): page tables below a VSpace root of its own type,
// a VSpace with an ASID as VTable root; no cap the generic part does not already know (SGI signal
// caps are outside the model).
#include "ops.h"

namespace spec {

bool is_vspace_table(CapType t) { return t == CapType::PageTable || t == CapType::VSpace; }

// isValidVTableRoot: a VSpace cap with an ASID.
bool is_valid_vtable_root(const Cap& c) { return c.type == CapType::VSpace && c.mapped; }

bool arch_same_region_as(const Cap&, const Cap&) { return false; }

bool issued_by_arch_control(const Cap&, const Cap&) { return false; }

Cap arch_derive_cap(const Cap& cap) { return cap; }

CapType table_cap_type(ObjectType t) { return t == ObjectType::VSpace ? CapType::VSpace : CapType::PageTable; }

}  // namespace spec
