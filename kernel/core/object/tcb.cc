// Thread control blocks.
#include "object/tcb.h"
#include "arch/vspace.h"

namespace core {

word Tcb::vspace_root() const {
    const Cap& c = slots[static_cast<unsigned>(TcbSlot::VTable)].cap;
    return c.type() == CapType::Pml4 && c.is_mapped() ? arch::ptr_to_phys(c.ptr()) : 0;
}

void Tcb::set_name(const char* s) {
    usize i = 0;
    for (; s[i] && i + 1 < sizeof(name); i++) name[i] = s[i];
    name[i] = '\0';
}
}  // namespace core
