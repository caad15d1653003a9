// RETYPE and UNTYPED: Untyped_Retype's rules and errors, and the untyped caps BootInfo lists
// (x86_64/untyped_tests.cc: BootInfo's x86 chunks and device memory, resets around SSE state).
#include <keel/arch.h>
#include "test_arch.h"
#include "thread_helpers.h"

using namespace keel;

namespace {
seL4_Error retype(seL4_CPtr ut, seL4_Word type, seL4_Word bits, seL4_Word offset, seL4_Word count) {
    return seL4_Untyped_Retype(ut, type, bits, root, 0, 0, offset, count);
}
}  // namespace

KEEL_TEST(RETYPE0001, "Retype makes objects of every kernel type in consecutive slots") {
    const test_arch::ObjectKind generic[] = {
        {seL4_UntypedObject, 12, tag_untyped}, {seL4_TCBObject, 0, tag_thread}, {seL4_EndpointObject, 0, tag_endpoint},
        {seL4_NotificationObject, 0, tag_notification}, {seL4_CapTableObject, 3, tag_cnode}};
    seL4_CPtr ut = alloc_untyped(18);
    auto make_two = [ut](const test_arch::ObjectKind& k) {
        seL4_CPtr first = alloc_slot();
        alloc_slot();
        KEEL_CHECK_EQ(retype(ut, k.type, k.bits, first, 2), seL4_NoError);
        KEEL_CHECK_EQ(cap_type(first), k.tag);
        KEEL_CHECK_EQ(cap_type(first + 1), k.tag);
    };
    for (auto& k : generic) make_two(k);
    for (auto& k : test_arch::object_kinds) make_two(k);
}

KEEL_TEST(RETYPE0002, "an unknown object type is InvalidArgument 0") {
    seL4_CPtr ut = alloc_untyped(12);
    const seL4_Word types[] = {seL4_ObjectTypeCount, 1000, ~seL4_Word(0)};
    for (seL4_Word type : types) {
        KEEL_CHECK_EQ(retype(ut, type, 0, alloc_slot(), 1), seL4_InvalidArgument);
        KEEL_CHECK_EQ(seL4_GetMR(0), 0);
    }
}

KEEL_TEST(RETYPE0003, "sizes: >= 64 bits or over 2^seL4_MaxUntypedBits is RangeError [0, max]; small untyped and empty CNodes are InvalidArgument 1") {
    seL4_CPtr ut = alloc_untyped(12);
    KEEL_CHECK_EQ(retype(ut, seL4_UntypedObject, 64, alloc_slot(), 1), seL4_RangeError);
    KEEL_CHECK_EQ(seL4_GetMR(0), 0);
    KEEL_CHECK_EQ(seL4_GetMR(1), seL4_MaxUntypedBits);
    KEEL_CHECK_EQ(retype(ut, seL4_UntypedObject, seL4_MaxUntypedBits + 1, alloc_slot(), 1), seL4_RangeError);
    KEEL_CHECK_EQ(retype(ut, seL4_CapTableObject, seL4_MaxUntypedBits + 1 - seL4_SlotBits, alloc_slot(), 1),
                  seL4_RangeError);
    KEEL_CHECK_EQ(retype(ut, seL4_UntypedObject, 3, alloc_slot(), 1), seL4_InvalidArgument);
    KEEL_CHECK_EQ(seL4_GetMR(0), 1);
    KEEL_CHECK_EQ(retype(ut, seL4_CapTableObject, 0, alloc_slot(), 1), seL4_InvalidArgument);
    KEEL_CHECK_EQ(seL4_GetMR(0), 1);
}

KEEL_TEST(RETYPE0004, "destination window: offset, count 1..256 and room in the CNode are RangeErrors") {
    constexpr seL4_Word root_slots = seL4_Word{1} << CONFIG_ROOT_CNODE_SIZE_BITS;
    seL4_CPtr ut = alloc_untyped(12);
    KEEL_CHECK_EQ(retype(ut, seL4_EndpointObject, 0, root_slots, 1), seL4_RangeError);
    KEEL_CHECK_EQ(seL4_GetMR(0), 0);
    KEEL_CHECK_EQ(seL4_GetMR(1), root_slots - 1);
    KEEL_CHECK_EQ(retype(ut, seL4_EndpointObject, 0, alloc_slot(), 0), seL4_RangeError);
    KEEL_CHECK_EQ(seL4_GetMR(0), 1);
    KEEL_CHECK_EQ(seL4_GetMR(1), 256);
    KEEL_CHECK_EQ(retype(ut, seL4_EndpointObject, 0, alloc_slot(), 257), seL4_RangeError);
    KEEL_CHECK_EQ(retype(ut, seL4_EndpointObject, 0, root_slots - 2, 3), seL4_RangeError);
    KEEL_CHECK_EQ(seL4_GetMR(0), 1);
    KEEL_CHECK_EQ(seL4_GetMR(1), 2);
}

KEEL_TEST(RETYPE0005, "an occupied destination slot is DeleteFirst") {
    seL4_CPtr ut = alloc_untyped(12);
    KEEL_CHECK_EQ(retype(ut, seL4_EndpointObject, 0, seL4_CapDomain, 1), seL4_DeleteFirst);
}

KEEL_TEST(RETYPE0006, "not enough room is NotEnoughMemory with the bytes left; the watermark only rises") {
    seL4_CPtr ut = alloc_untyped(13);
    KEEL_CHECK_EQ(retype(ut, KEEL_FRAME_OBJECT, 0, alloc_slot(), 1), seL4_NoError);
    seL4_CPtr a = alloc_slot();
    alloc_slot();
    KEEL_CHECK_EQ(retype(ut, KEEL_FRAME_OBJECT, 0, a, 2), seL4_NotEnoughMemory);
    KEEL_CHECK_EQ(seL4_GetMR(0), 4096);
    KEEL_CHECK_EQ(retype(ut, KEEL_FRAME_OBJECT, 0, a, 1), seL4_NoError);
    KEEL_CHECK_EQ(retype(ut, seL4_EndpointObject, 0, alloc_slot(), 1), seL4_NotEnoughMemory);
    KEEL_CHECK_EQ(seL4_GetMR(0), 0);
}

KEEL_TEST(RETYPE0007, "once every child is deleted the untyped is reset and reusable in full") {
    seL4_CPtr ut = alloc_untyped(13);
    seL4_CPtr a = alloc_slot(), b = alloc_slot();
    KEEL_CHECK_EQ(retype(ut, KEEL_FRAME_OBJECT, 0, a, 2), seL4_NoError);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, a, 64), seL4_NoError);
    KEEL_CHECK_EQ(retype(ut, KEEL_FRAME_OBJECT, 0, a, 1), seL4_NotEnoughMemory);  // b still holds memory
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, b, 64), seL4_NoError);
    KEEL_CHECK_EQ(retype(ut, KEEL_FRAME_OBJECT, 0, a, 2), seL4_NoError);
}

KEEL_TEST(RETYPE0008, "objects are aligned to their size: a 4 KiB page after an endpoint leaves a gap") {
    seL4_CPtr ut = alloc_untyped(13);
    KEEL_CHECK_EQ(retype(ut, seL4_EndpointObject, 0, alloc_slot(), 1), seL4_NoError);
    KEEL_CHECK_EQ(retype(ut, KEEL_FRAME_OBJECT, 0, alloc_slot(), 1), seL4_NoError);
    KEEL_CHECK_EQ(retype(ut, seL4_EndpointObject, 0, alloc_slot(), 1), seL4_NotEnoughMemory);
}

KEEL_TEST(RETYPE0009, "the destination CNode: depth 0 is the root cap itself; a non-CNode target fails the lookup") {
    seL4_CPtr ut = alloc_untyped(12);
    KEEL_CHECK_EQ(seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, root, seL4_CapDomain, 64, alloc_slot(), 1),
                  seL4_FailedLookup);
    KEEL_CHECK_EQ(seL4_GetMR(0), 0);
    KEEL_CHECK_EQ(seL4_GetMR(1), seL4_MissingCapability);
    KEEL_CHECK_EQ(seL4_GetMR(2), 64);
    KEEL_CHECK_EQ(seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, seL4_CapDomain, 0, 0, 0, 1), seL4_FailedLookup);
    KEEL_CHECK_EQ(seL4_GetMR(1), seL4_MissingCapability);
    KEEL_CHECK_EQ(seL4_GetMR(2), 0);
    KEEL_CHECK_EQ(seL4_Untyped_Retype(ut, seL4_EndpointObject, 0, root, seL4_CapInitThreadCNode, 64, alloc_slot(), 1),
                  seL4_NoError);  // a CNode cap found by lookup
}

KEEL_TEST(RETYPE0010, "other labels on an untyped are IllegalOperations; fewer than 6 words are TruncatedMessages") {
    seL4_CPtr ut = alloc_untyped(12);
    seL4_MessageInfo_t info = seL4_Call(ut, seL4_MessageInfo_new(CNodeCopy, 0, 0, 6));
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_IllegalOperation);
    seL4_SetCap(0, root);
    info = seL4_Call(ut, seL4_MessageInfo_new(UntypedRetype, 0, 1, 5));
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_TruncatedMessage);
    info = seL4_Call(ut, seL4_MessageInfo_new(UntypedRetype, 0, 0, 6));
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_TruncatedMessage);
}

KEEL_TEST(UNTYPED0002, "BootInfo slot regions are contiguous and in seL4's order, the rest of the CNode empty") {
    seL4_BootInfo* bi = keel_bootinfo();
    KEEL_CHECK_EQ(bi->userImagePaging.start, skip_sched_control(seL4_NumInitialCaps));
    KEEL_CHECK(bi->userImagePaging.end > bi->userImagePaging.start);
    KEEL_CHECK_EQ(bi->extraBIPages.start, skip_sched_control(bi->userImagePaging.end));
    KEEL_CHECK_EQ(bi->userImageFrames.start, skip_sched_control(bi->extraBIPages.end));
    KEEL_CHECK_EQ(bi->untyped.start, skip_sched_control(bi->userImageFrames.end));
    KEEL_CHECK_EQ(bi->empty.end, 1ul << bi->initThreadCNodeSizeBits);
    for (seL4_CPtr s = bi->userImagePaging.start; s < bi->userImagePaging.end; s++) {
        seL4_Uint32 t = cap_type(s);
        KEEL_CHECK(test_arch::is_paging_structure_tag(t));
    }
    for (seL4_CPtr s = bi->userImageFrames.start; s < bi->userImageFrames.end; s++) KEEL_CHECK_EQ(cap_type(s), tag_frame);
    for (seL4_CPtr s = bi->untyped.start; s < bi->untyped.end; s++) KEEL_CHECK_EQ(cap_type(s), tag_untyped);
}

KEEL_TEST(UNTYPED0003, "the initial caps sit at seL4's slot numbers") {
    KEEL_CHECK_EQ(cap_type(seL4_CapNull), tag_null);
    KEEL_CHECK_EQ(cap_type(seL4_CapInitThreadTCB), tag_thread);
    KEEL_CHECK_EQ(cap_type(seL4_CapInitThreadCNode), tag_cnode);
    KEEL_CHECK_EQ(cap_type(seL4_CapInitThreadVSpace), test_arch::vspace_tag);
    KEEL_CHECK_EQ(cap_type(seL4_CapIRQControl), tag_irq_control);
    KEEL_CHECK_EQ(cap_type(seL4_CapASIDControl), tag_asid_control);
    KEEL_CHECK_EQ(cap_type(seL4_CapInitThreadASIDPool), tag_asid_pool);
    KEEL_CHECK_EQ(cap_type(seL4_CapIOPortControl), test_arch::io_port_control_tag);
    KEEL_CHECK_EQ(cap_type(seL4_CapIOSpace), tag_null);
    KEEL_CHECK_EQ(cap_type(seL4_CapBootInfoFrame), tag_frame);
    KEEL_CHECK_EQ(cap_type(seL4_CapInitThreadIPCBuffer), tag_frame);
    KEEL_CHECK_EQ(cap_type(seL4_CapDomain), tag_domain);
    for (seL4_CPtr s = 12; s < seL4_NumInitialCaps; s++) {
        KEEL_CHECK_EQ(cap_type(s), s == seL4_CapInitThreadSC ? init_thread_sc_tag : tag_null);
    }
}
