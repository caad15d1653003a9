// DIAG on x86_64: the IOPort control's diagnostic (checked in the suite's log, tests/CMakeLists.txt).
#include "cspace_helpers.h"

using namespace keel;

KEEL_TEST(DIAG0002, "IOPortControl_Issue with the last port below the first is InvalidArgument (its diagnostic is in the log)") {
    KEEL_CHECK_EQ(seL4_X86_IOPortControl_Issue(seL4_CapIOPortControl, 0x80, 0x70, root, alloc_slot(), root_depth),
                  seL4_InvalidArgument);
}
