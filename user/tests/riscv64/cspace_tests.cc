// CSPACE on riscv64: caps the checked kernel's invariant checks must find wherever they sit.
#include <keel/arch.h>
#include <keel/process.h>
#include "cspace_helpers.h"
#include "test_arch.h"

using namespace keel;

namespace {

// seL4 lets caps sit in CNodes at any depth, the untyped they came from among them. The checked
// kernel checks every user mapping and ASID pool in use against the caps every 4,096 kernel
// entries: it must find a mapped frame's cap (`frame`) or an ASID pool's in CNode D, whose cap is
// in CNode C with the boot untyped they came from (their derivation chain has no slot in the
// root CNode), and go on.
void check_caps_two_cnodes_deep(bool frame) {
    constexpr seL4_Word va = 0x2800000000, radix = 2;
    seL4_CPtr u2 = spare_boot_untyped(16);
    KEEL_CHECK(u2 != 0);
    seL4_CPtr c = alloc_object(seL4_CapTableObject, radix);
    seL4_CPtr d = alloc_slot(), f = alloc_slot(), pool_untyped = alloc_slot(), pool = alloc_slot();
    KEEL_CHECK_EQ(seL4_Untyped_Retype(u2, seL4_CapTableObject, radix, root, 0, 0, d, 1), seL4_NoError);
    if (frame) {
        KEEL_CHECK_EQ(seL4_Untyped_Retype(u2, KEEL_FRAME_OBJECT, 0, root, 0, 0, f, 1), seL4_NoError);
        KEEL_CHECK_EQ(keel_map_frame(f, seL4_CapInitThreadVSpace, va, seL4_ReadWrite), 0);
        *reinterpret_cast<volatile seL4_Word*>(va) = 0xf00d;
        KEEL_CHECK_EQ(seL4_CNode_Move(d, 0, radix, root, f, root_depth), seL4_NoError);
    } else {
        KEEL_CHECK_EQ(seL4_Untyped_Retype(u2, seL4_UntypedObject, 12, root, 0, 0, pool_untyped, 1), seL4_NoError);
        KEEL_CHECK_EQ(test_arch::make_asid_pool(pool_untyped, pool), seL4_NoError);
        KEEL_CHECK_EQ(seL4_CNode_Move(d, 1, radix, root, pool, root_depth), seL4_NoError);
        KEEL_CHECK_EQ(seL4_CNode_Move(c, 2, radix, root, pool_untyped, root_depth), seL4_NoError);
    }
    KEEL_CHECK_EQ(seL4_CNode_Move(c, 0, radix, root, d, root_depth), seL4_NoError);
    KEEL_CHECK_EQ(seL4_CNode_Move(c, 1, radix, root, u2, root_depth), seL4_NoError);
    for (int i = 0; i < 2 * 4096; i++) seL4_Yield();  // a whole check at least once
    if (frame) KEEL_CHECK_EQ(*reinterpret_cast<volatile seL4_Word*>(va), 0xf00d);
    KEEL_CHECK_EQ(seL4_CNode_Move(root, u2, root_depth, c, 1, radix), seL4_NoError);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, c, root_depth), seL4_NoError);  // D and what it holds with it
}

}  // namespace

KEEL_TEST(CSPACE0005, "riscv64: a mapped frame's cap two CNodes deep with its boot untyped: the checked kernel's mapping check finds it") {
    check_caps_two_cnodes_deep(true);
}

KEEL_TEST(CSPACE0006, "riscv64: an ASID pool's cap two CNodes deep with its untyped and their boot untyped: the checked kernel's ASID check finds it") {
    check_caps_two_cnodes_deep(false);
}
