// CNODEOP: CNode invocations and their errors (seL4 16.0.0 manual, CNode methods).
#include "thread_helpers.h"

using namespace keel;

namespace {

seL4_Error copy(seL4_CPtr dest, seL4_CPtr src, seL4_Uint8 depth = root_depth) {
    return seL4_CNode_Copy(root, dest, depth, root, src, depth, seL4_AllRights);
}

// A second-level CNode of 2^4 slots with no guard, reachable from the root at `slot`.
seL4_CPtr small_cnode() { return alloc_object(seL4_CapTableObject, 4); }

}  // namespace

KEEL_TEST(CNODEOP0001, "Copy puts a copy of a cap in an empty slot") {
    seL4_CPtr dest = alloc_slot();
    KEEL_CHECK_EQ(copy(dest, seL4_CapInitThreadTCB), seL4_NoError);
    KEEL_CHECK_EQ(cap_type(dest), tag_thread);
    KEEL_CHECK_EQ(cap_type(seL4_CapInitThreadTCB), tag_thread);
}

KEEL_TEST(CNODEOP0002, "Copy into an occupied slot fails with DeleteFirst") {
    KEEL_CHECK_EQ(copy(seL4_CapInitThreadTCB, seL4_CapDomain), seL4_DeleteFirst);
    KEEL_CHECK_EQ(cap_type(seL4_CapInitThreadTCB), tag_thread);
}

KEEL_TEST(CNODEOP0003, "Copy from an empty slot: FailedLookup, source, MissingCapability with bits left") {
    KEEL_CHECK_EQ(copy(alloc_slot(), alloc_slot()), seL4_FailedLookup);
    KEEL_CHECK_EQ(seL4_GetMR(0), 1);  // the source lookup failed
    KEEL_CHECK_EQ(seL4_GetMR(1), seL4_MissingCapability);
    KEEL_CHECK_EQ(seL4_GetMR(2), 64);
}

KEEL_TEST(CNODEOP0004, "depths of 0 and over 64 are RangeErrors [1, 64]") {
    const seL4_Uint8 depths[] = {0, 65, 255};
    for (seL4_Uint8 depth : depths) {
        KEEL_CHECK_EQ(seL4_CNode_Delete(root, alloc_slot(), depth), seL4_RangeError);
        KEEL_CHECK_EQ(seL4_GetMR(0), 1);
        KEEL_CHECK_EQ(seL4_GetMR(1), 64);
    }
}

KEEL_TEST(CNODEOP0005, "a source root that is not a CNode: FailedLookup with InvalidRoot") {
    KEEL_CHECK_EQ(seL4_CNode_Copy(root, alloc_slot(), 64, seL4_CapInitThreadTCB, 1, 64, seL4_AllRights),
                  seL4_FailedLookup);
    KEEL_CHECK_EQ(seL4_GetMR(0), 1);
    KEEL_CHECK_EQ(seL4_GetMR(1), seL4_InvalidRoot);
}

KEEL_TEST(CNODEOP0006, "the root CNode's guard of 64 - CONFIG_ROOT_CNODE_SIZE_BITS bits: depth 32 is a GuardMismatch (left 32, guard 0, that many bits)") {
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, 5, 32), seL4_FailedLookup);
    KEEL_CHECK_EQ(seL4_GetMR(0), 0);  // the destination lookup failed
    KEEL_CHECK_EQ(seL4_GetMR(1), seL4_GuardMismatch);
    KEEL_CHECK_EQ(seL4_GetMR(2), 32);
    KEEL_CHECK_EQ(seL4_GetMR(3), 0);
    KEEL_CHECK_EQ(seL4_GetMR(4), 64 - CONFIG_ROOT_CNODE_SIZE_BITS);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, seL4_Word{1} << CONFIG_ROOT_CNODE_SIZE_BITS, 64), seL4_FailedLookup);
    KEEL_CHECK_EQ(seL4_GetMR(1), seL4_GuardMismatch);
}

KEEL_TEST(CNODEOP0007, "depth mismatches: too few bits for a level, or bits left over at a leaf") {
    seL4_CPtr node = small_cnode();
    KEEL_CHECK_EQ(cap_type(node), tag_cnode);
    KEEL_CHECK_EQ(seL4_CNode_Delete(node, 1, 3), seL4_FailedLookup);
    KEEL_CHECK_EQ(seL4_GetMR(1), seL4_DepthMismatch);
    KEEL_CHECK_EQ(seL4_GetMR(2), 3);
    KEEL_CHECK_EQ(seL4_GetMR(3), 4);
    KEEL_CHECK_EQ(seL4_CNode_Delete(node, 2, 5), seL4_FailedLookup);
    KEEL_CHECK_EQ(seL4_GetMR(1), seL4_DepthMismatch);
    KEEL_CHECK_EQ(seL4_GetMR(2), 1);
    KEEL_CHECK_EQ(seL4_GetMR(3), 0);
    KEEL_CHECK_EQ(seL4_CNode_Copy(node, 3, 4, root, seL4_CapDomain, 64, seL4_AllRights), seL4_NoError);
}

KEEL_TEST(CNODEOP0008, "Mint sets a badge once; minting from a badged cap is an IllegalOperation") {
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    KEEL_CHECK_EQ(cap_type(ep), tag_endpoint);
    seL4_CPtr badged = alloc_slot();
    KEEL_CHECK_EQ(seL4_CNode_Mint(root, badged, 64, root, ep, 64, seL4_AllRights, 0x42), seL4_NoError);
    KEEL_CHECK_EQ(cap_type(badged), tag_endpoint);
    KEEL_CHECK_EQ(seL4_CNode_Mint(root, alloc_slot(), 64, root, badged, 64, seL4_AllRights, 0x43),
                  seL4_IllegalOperation);
    KEEL_CHECK_EQ(seL4_CNode_Mint(root, alloc_slot(), 64, root, badged, 64, seL4_NoWrite, 0), seL4_IllegalOperation);
}

KEEL_TEST(CNODEOP0009, "Move empties the source; Mutate moves with new data") {
    seL4_CPtr a = alloc_slot(), b = alloc_slot(), c = alloc_slot();
    KEEL_CHECK_EQ(copy(a, seL4_CapDomain), seL4_NoError);
    KEEL_CHECK_EQ(seL4_CNode_Move(root, b, 64, root, a, 64), seL4_NoError);
    KEEL_CHECK_EQ(cap_type(a), tag_null);
    KEEL_CHECK_EQ(cap_type(b), tag_domain);
    KEEL_CHECK_EQ(seL4_CNode_Mutate(root, c, 64, root, b, 64, 0), seL4_NoError);
    KEEL_CHECK_EQ(cap_type(b), tag_null);
    KEEL_CHECK_EQ(cap_type(c), tag_domain);
}

KEEL_TEST(CNODEOP0010, "Mutate sets a CNode's guard; guard size plus radix over 64 is refused") {
    seL4_CPtr node = small_cnode(), guarded = alloc_slot();
    seL4_Word guard = 0x2a, guard_size = 60;  // 60 guard bits + 4 radix bits = a full 64-bit CPtr
    KEEL_CHECK_EQ(seL4_CNode_Mutate(root, guarded, 64, root, node, 64, (guard << 6) | guard_size), seL4_NoError);
    seL4_CPtr in_node = (guard << 4) | 7;
    KEEL_CHECK_EQ(seL4_CNode_Copy(guarded, in_node, 64, root, seL4_CapDomain, 64, seL4_AllRights), seL4_NoError);
    KEEL_CHECK_EQ(seL4_CNode_Delete(guarded, in_node, 64), seL4_NoError);
    KEEL_CHECK_EQ(seL4_CNode_Delete(guarded, (0x2bul << 4) | 7, 64), seL4_FailedLookup);
    KEEL_CHECK_EQ(seL4_GetMR(1), seL4_GuardMismatch);
    KEEL_CHECK_EQ(seL4_GetMR(3), 0x2a);
    KEEL_CHECK_EQ(seL4_CNode_Mutate(root, alloc_slot(), 64, root, guarded, 64, 61), seL4_IllegalOperation);
}

KEEL_TEST(CNODEOP0011, "Rotate moves dest <- pivot <- source, and swaps when source is dest") {
    seL4_CPtr src = alloc_slot(), pivot = alloc_slot(), dest = alloc_slot();
    KEEL_CHECK_EQ(copy(src, seL4_CapDomain), seL4_NoError);
    KEEL_CHECK_EQ(copy(pivot, seL4_CapInitThreadTCB), seL4_NoError);
    KEEL_CHECK_EQ(seL4_CNode_Rotate(root, dest, 64, 0, root, pivot, 64, 0, root, src, 64), seL4_NoError);
    KEEL_CHECK_EQ(cap_type(dest), tag_thread);
    KEEL_CHECK_EQ(cap_type(pivot), tag_domain);
    KEEL_CHECK_EQ(cap_type(src), tag_null);
    KEEL_CHECK_EQ(seL4_CNode_Rotate(root, dest, 64, 0, root, pivot, 64, 0, root, dest, 64), seL4_NoError);
    KEEL_CHECK_EQ(cap_type(dest), tag_domain);
    KEEL_CHECK_EQ(cap_type(pivot), tag_thread);
    KEEL_CHECK_EQ(seL4_CNode_Rotate(root, dest, 64, 0, root, dest, 64, 0, root, pivot, 64), seL4_IllegalOperation);
    KEEL_CHECK_EQ(seL4_CNode_Rotate(root, alloc_slot(), 64, 0, root, pivot, 64, 0, root, alloc_slot(), 64),
                  seL4_FailedLookup);
    KEEL_CHECK_EQ(seL4_GetMR(0), 1);
}

KEEL_TEST(CNODEOP0012, "Delete empties a slot; deleting an empty slot succeeds") {
    seL4_CPtr s = alloc_slot();
    KEEL_CHECK_EQ(copy(s, seL4_CapDomain), seL4_NoError);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, s, 64), seL4_NoError);
    KEEL_CHECK_EQ(cap_type(s), tag_null);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, s, 64), seL4_NoError);
}

KEEL_TEST(CNODEOP0013, "Revoke deletes every derived cap and leaves the original") {
    seL4_CPtr ut = alloc_untyped(16);
    seL4_CPtr first = alloc_slot();
    for (int i = 1; i < 4; i++) alloc_slot();
    KEEL_CHECK_EQ(seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, root, 0, 0, first, 4), seL4_NoError);
    seL4_CPtr copy_of_child = alloc_slot();
    KEEL_CHECK_EQ(copy(copy_of_child, first), seL4_NoError);
    KEEL_CHECK_EQ(seL4_CNode_Revoke(root, ut, 64), seL4_NoError);
    for (seL4_CPtr s = first; s < first + 4; s++) KEEL_CHECK_EQ(cap_type(s), tag_null);
    KEEL_CHECK_EQ(cap_type(copy_of_child), tag_null);
    KEEL_CHECK_EQ(cap_type(ut), tag_untyped);
}

KEEL_TEST(CNODEOP0014, "copying an untyped cap that has children: RevokeFirst") {
    seL4_CPtr ut = alloc_untyped(12);
    KEEL_CHECK_EQ(seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, root, 0, 0, alloc_slot(), 1), seL4_NoError);
    KEEL_CHECK_EQ(copy(alloc_slot(), ut), seL4_RevokeFirst);
}

KEEL_TEST(CNODEOP0015, "bad labels are IllegalOperations; short messages are TruncatedMessages") {
    seL4_MessageInfo_t info = seL4_Call(root, seL4_MessageInfo_new(UntypedRetype, 0, 0, 2));
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_IllegalOperation);
    info = seL4_Call(root, seL4_MessageInfo_new(CNodeDelete, 0, 0, 1));
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_TruncatedMessage);
    seL4_SetMR(0, alloc_slot());
    seL4_SetMR(1, 64);
    info = seL4_Call(root, seL4_MessageInfo_new(CNodeCopy, 0, 0, 5));  // no extra cap
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_TruncatedMessage);
}

KEEL_TEST(CNODEOP0017, "CancelBadgedSends needs an endpoint cap with every right") {
    seL4_CPtr ep = alloc_object(seL4_EndpointObject, 0);
    KEEL_CHECK_EQ(seL4_CNode_CancelBadgedSends(root, ep, 64), seL4_NoError);
    seL4_CPtr weak = alloc_slot();
    KEEL_CHECK_EQ(seL4_CNode_Copy(root, weak, 64, root, ep, 64, seL4_CanWrite), seL4_NoError);
    KEEL_CHECK_EQ(seL4_CNode_CancelBadgedSends(root, weak, 64), seL4_IllegalOperation);
    KEEL_CHECK_EQ(seL4_CNode_CancelBadgedSends(root, seL4_CapInitThreadCNode, 64), seL4_IllegalOperation);
}

KEEL_TEST(CNODEOP0018, "deleting a CNode's last cap deletes its caps; a CNode found inside stays unreachable until revoked") {
    seL4_CPtr ut = alloc_untyped(14);
    seL4_CPtr node = alloc_slot();
    KEEL_CHECK_EQ(seL4_Untyped_Retype(ut, seL4_CapTableObject, 4, root, 0, 0, node, 1), seL4_NoError);
    KEEL_CHECK_EQ(seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, node, 0, 0, 0, 15), seL4_NoError);
    seL4_CPtr inner = alloc_slot();  // a second-level CNode inside the first
    KEEL_CHECK_EQ(seL4_Untyped_Retype(ut, seL4_CapTableObject, 2, root, 0, 0, inner, 1), seL4_NoError);
    KEEL_CHECK_EQ(seL4_CNode_Move(node, 15, 4, root, inner, 64), seL4_NoError);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, node, 64), seL4_NoError);
    KEEL_CHECK_EQ(cap_type(node), tag_null);
    // The inner CNode now holds the only cap to itself (seL4 manual, Deletion and Revocation), so
    // the untyped still has a child and cannot be reused in full...
    KEEL_CHECK_EQ(seL4_Untyped_Retype(ut, seL4_UntypedObject, 14, root, 0, 0, alloc_slot(), 1), seL4_NotEnoughMemory);
    // ...until it is revoked.
    KEEL_CHECK_EQ(seL4_CNode_Revoke(root, ut, 64), seL4_NoError);
    KEEL_CHECK_EQ(seL4_Untyped_Retype(ut, seL4_UntypedObject, 14, root, 0, 0, alloc_slot(), 1), seL4_NoError);
}
