// Thread control blocks.
#include "object/tcb.h"

namespace core {
void Tcb::set_name(const char* s) {
    usize i = 0;
    for (; s[i] && i + 1 < sizeof(name); i++) name[i] = s[i];
    name[i] = '\0';
}
}  // namespace core
