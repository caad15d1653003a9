// The root task's CNode at boot.
#include "boot/root_cnode.h"

namespace boot {

void RootCNode::write(word i, const core::Cap& cap) {
    core::Slot& s = slots_[i];
    s.cap = cap;
    s.mdb.clear();
    s.mdb.set_revocable(true);
    s.mdb.set_first_badged(true);
}

bool RootCNode::provide(const core::Cap& cap) {
    if (next_ >= size_) return false;
    write(next_++, cap);
    return true;
}

}  // namespace boot
