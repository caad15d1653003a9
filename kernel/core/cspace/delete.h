// Deleting and revoking capabilities, finalising objects whose last cap goes (seL4's cteDelete,
// finaliseSlot, reduceZombie, cteRevoke), with preemption points and no recursion.
#pragma once
#include "kernel/errors.h"
#include "object/cap.h"

namespace core {

// Deletes the cap in `slot` (an exposed delete: the slot is empty afterwards unless preempted).
SysStatus cte_delete(Slot& slot);

// Deletes every cap derived from the one in `slot`.
SysStatus cte_revoke(Slot& slot);

}  // namespace core
