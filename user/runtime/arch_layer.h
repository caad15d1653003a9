// What each architecture's part of the runtime (user/runtime/arch/<arch>/) gives the generic part.
#pragma once
#include <sel4/sel4.h>
#include "lib/format.h"

namespace keel::arch {

// The root task's console when the kernel does not print: a character writer, or nullptr when the
// architecture has none.
using PutChar = void (*)(lib::Sink&, char);
PutChar fallback_console();

// Maps `frame` at `vaddr` of `vspace`, retyping and mapping the paging structures a FailedLookup
// says are missing.
bool map_frame(seL4_CPtr frame, seL4_CPtr vspace, seL4_Word vaddr, seL4_CapRights_t rights);

// Unmaps a 4 KiB frame mapped by map_frame.
seL4_Error unmap_frame(seL4_CPtr frame);

// A new address-space root with an ASID from the root task's initial ASID pool, or 0.
seL4_CPtr new_vspace();

}  // namespace keel::arch
