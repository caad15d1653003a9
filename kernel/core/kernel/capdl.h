// seL4_DebugSnapshot: a capDL description of the threads the root task created (seL4's
// debug_capDL, as far as Keel's objects go): every such thread with its attributes and CSpace
// root, the caps in that root CNode, the thread's own slots, and which IRQs signal what.
#pragma once
#include "object/tcb.h"

namespace core {

// The root task's thread, which the snapshot leaves out as seL4's does (set at boot).
void set_snapshot_root_thread(const Tcb* t);
void print_capdl_snapshot();

}  // namespace core
