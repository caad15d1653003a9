// DIAG: a debug kernel explains refused invocations on its console in seL4's userError words. The
// errors are checked here; the lines they print are checked in the suite's log (tests/CMakeLists.txt).
#include <keel/arch.h>
#include "cspace_helpers.h"

using namespace keel;

KEEL_TEST(DIAG0001, "failed invocations are refused with seL4's errors (their diagnostics are in the log)") {
    seL4_MessageInfo_t reply = seL4_Call(seL4_CapNull, seL4_MessageInfo_new(0, 0, 0, 0));
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(reply), seL4_InvalidCapability);

    seL4_CPtr ut = alloc_untyped(12);
    KEEL_CHECK_EQ(seL4_Untyped_Retype(ut, KEEL_FRAME_OBJECT, 0, root, 0, 0, alloc_slot(), 2), seL4_NotEnoughMemory);
    KEEL_CHECK_EQ(seL4_GetMR(0), 4096);

    seL4_CPtr tcb = alloc_object(seL4_TCBObject, 0);  // its maximum controlled priority is 0
    KEEL_CHECK_EQ(seL4_TCB_SetPriority(tcb, tcb, 7), seL4_RangeError);

    KEEL_CHECK_EQ(seL4_CNode_Copy(root, seL4_CapInitThreadTCB, root_depth, root, seL4_CapInitThreadCNode, root_depth,
                                  seL4_AllRights),
                  seL4_DeleteFirst);
}
