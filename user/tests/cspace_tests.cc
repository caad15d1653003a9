// CSPACE: capability addressing from user mode — null caps, guards, and the cap faults a failed
// lookup raises, with their lookup-failure details.
#include <keel/arch.h>
#include <keel/process.h>
#include "test_arch.h"
#include "thread_helpers.h"

using namespace keel;

KEEL_TEST(CSPACE0001, "invoking an empty slot is InvalidCapability 0; the reply carries no other words") {
    seL4_MessageInfo_t info = seL4_Call(alloc_slot(), seL4_MessageInfo_new(CNodeCopy, 0, 0, 0));
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_InvalidCapability);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_length(info), 1);
    KEEL_CHECK_EQ(seL4_GetMR(0), 0);
}

namespace {
ThreadStack stack;
volatile seL4_Word target_cptr;
void call_target() {
    raw_call(target_cptr, 0);
    park();
}

// A thread Calls `cptr`; the cap fault it takes is returned.
seL4_MessageInfo_t fault_of_call(seL4_CPtr cptr) {
    target_cptr = cptr;
    return run_until_fault(call_target, stack);
}
}  // namespace

KEEL_TEST(CSPACE0002, "a CPtr beyond the root CNode's guard is a cap fault with the guard mismatch in it") {
    seL4_MessageInfo_t info = fault_of_call(0x12345678);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_CapFault);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_CapFault_Addr), 0x12345678);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_CapFault_InRecvPhase), 0);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_CapFault_LookupFailureType), seL4_GuardMismatch);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_CapFault_BitsLeft), 64);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_CapFault_GuardMismatch_GuardFound), 0);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_CapFault_GuardMismatch_BitsFound), 64 - CONFIG_ROOT_CNODE_SIZE_BITS);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_length(info), 7);
    seL4_Word ip = seL4_GetMR(seL4_CapFault_IP);  // the syscall instruction, in this program's image
    KEEL_CHECK(ip >= 0x400000 && ip < 0x800000);
}

KEEL_TEST(CSPACE0003, "receiving on a cap that cannot receive is a receive-phase cap fault (missing capability)") {
    seL4_CPtr send_only = alloc_slot();
    KEEL_CHECK_EQ(seL4_CNode_Mint(root, send_only, 64, root, alloc_object(seL4_EndpointObject, 0), 64, seL4_CanWrite, 0),
                  seL4_NoError);
    expect_receive_cap_fault(send_only);
}

extern "C" char __executable_start[], __executable_end[];

namespace {
// Writes every page of the root task's image back with what it holds: a page unmapped or mapped
// read-only faults the root task here, not in a later test.
void rewrite_own_image() {
    for (char* p = __executable_start; p < __executable_end; p += 4096) {
        volatile char* byte = p;
        *byte = *byte;
    }
}
}  // namespace

KEEL_TEST(CSPACE0004, "garbage CPtrs, labels and lengths in a Call from the root answer errors and never fault it") {
    seL4_Word state = 0x853c49e6748fea9b;
    unsigned answered = 0;
    for (int i = 0; i < 300; i++) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        seL4_CPtr cptr = state % (seL4_Word{1} << CONFIG_ROOT_CNODE_SIZE_BITS);  // a slot of the root CNode
        if (cptr == seL4_CapIOPortControl) continue;  // would hand out ports
        // A Call on an endpoint blocks until someone answers (as it should); a thread cap could
        // suspend the root or wake other tests' threads: keep to caps that answer at once. A
        // frame or paging-structure cap could unmap or remap (read-only) the root task's own
        // image, as seL4 lets it: a later test then faults on its data (X86PageUnmap on the
        // frame of slot 220 took the page of SCHED0002's counters once the image grew).
        seL4_Uint32 type = cap_type(cptr);
        if (type == tag_endpoint || type == tag_thread || type == tag_frame || type == test_arch::vspace_tag ||
            test_arch::is_paging_structure_tag(type)) {
            continue;
        }
        seL4_Word label = (state >> 12) % 64;
        if (label == TCBSuspend || label == CNodeRevoke || label == CNodeDelete) continue;  // keep the test's own caps
        for (int m = 0; m < 4; m++) seL4_SetMR(m, state >> (m * 8));
        seL4_MessageInfo_t info = seL4_Call(cptr, seL4_MessageInfo_new(label, 0, 0, (state >> 20) % 128));
        answered += seL4_MessageInfo_get_label(info) <= seL4_NotEnoughMemory;
    }
    KEEL_CHECK(answered > 0);
    KEEL_CHECK_EQ(cap_type(seL4_CapInitThreadCNode), tag_cnode);
    rewrite_own_image();
}

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
    // Deleting C alone would leave D unreachable, as in seL4: C's delete does not descend into D,
    // the last cap to a CNode found inside, but parks D's Zombie in D's slot 0 (the frame there is
    // swapped out and deleted) and keeps the rest (the ASID pool in slot 1, its ASID table entry
    // taken). Revoking the untyped they all came from deletes them for good.
    KEEL_CHECK_EQ(seL4_CNode_Revoke(root, u2, root_depth), seL4_NoError);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, c, root_depth), seL4_NoError);
}

}  // namespace

KEEL_TEST(CSPACE0005, "a mapped frame's cap two CNodes deep with its boot untyped: the checked kernel's mapping check finds it") {
    check_caps_two_cnodes_deep(true);
}

KEEL_TEST(CSPACE0006, "an ASID pool's cap two CNodes deep with its untyped and their boot untyped: the checked kernel's ASID check finds it") {
    check_caps_two_cnodes_deep(false);
}
