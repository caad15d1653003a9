// x86_64's caps (seL4's arch/x86 objecttype.c): the four levels of paging structures with the
// PML4 as VSpace root, I/O port caps, and the dispatch of invocations
// and finalisation to vspace.cc and io_port.cc.
#include "arch_ops.h"

namespace spec {

bool is_vspace_table(CapType t) {
    return t == CapType::PageTable || t == CapType::PageDirectory || t == CapType::Pdpt || t == CapType::Pml4;
}

bool is_valid_vtable_root(const Cap& c) { return c.type == CapType::Pml4 && c.mapped; }

bool arch_same_region_as(const Cap& a, const Cap& b) {
    switch (a.type) {
    case CapType::IoPortControl: return b.type == CapType::IoPortControl || b.type == CapType::IoPort;
    case CapType::IoPort: return b.type == CapType::IoPort && a.arch == b.arch;
    default: return false;
    }
}

bool issued_by_arch_control(const Cap& issued, const Cap& control) {
    return issued.type == CapType::IoPort && control.type == CapType::IoPortControl;
}

// IOPortControl copies as nothing.
Cap arch_derive_cap(const Cap& cap) { return cap.type == CapType::IoPortControl ? Cap{} : cap; }

CapType table_cap_type(ObjectType t) {
    switch (t) {
    case ObjectType::PageTable: return CapType::PageTable;
    case ObjectType::PageDirectory: return CapType::PageDirectory;
    case ObjectType::Pdpt: return CapType::Pdpt;
    default: return CapType::Pml4;
    }
}

SyscallError decode_arch_invocation(State& s, const Invocation& inv, SlotRef slot) {
    switch (slot_at(s, slot).cap.type) {
    case CapType::IoPortControl: return decode_io_port_control(s, inv, slot);
    case CapType::IoPort: return decode_io_port(s, inv, slot);
    default: return decode_vspace_invocation(s, inv, slot);  // a PML4 has none
    }
}

void finalise_arch_cap(State& s, const Cap& cap, bool final) {
    if (cap.type != CapType::IoPort) return finalise_vspace_cap(s, cap, final);
    if (final) free_io_ports(s, cap);
}

// Frames have no invocations beyond the generic part's.
SyscallError decode_arch_frame(State&, const Invocation&, SlotRef) { return illegal(); }

}  // namespace spec
