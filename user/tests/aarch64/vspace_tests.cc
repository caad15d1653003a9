// VSPACE on aarch64: seL4 16.0.0's Arm frames, page tables, VSpaces, cache operations and ASIDs in
// the root task's address space and a second one, with seL4's errors in seL4's order.
#include <keel/arch.h>
#include "thread_helpers.h"

using namespace keel;

// A position-independent thread body to copy into another address space: stores x1 at x0, then
// yields for ever (x2 holds seL4_SysYield, whose number the configuration decides).
extern "C" const unsigned char store_probe[], store_probe_end[];
asm(R"(
    .text
    .balign 4
    .global store_probe, store_probe_end
store_probe:
    str x1, [x0]
1:  mov x7, x2
    svc #0
    b 1b
store_probe_end:
)");

namespace {

constexpr seL4_CPtr vspace = seL4_CapInitThreadVSpace;
constexpr seL4_Word page = 4096;
// Level-0 entries (512 GiB each) the root task's image and the runtime's scratch areas do not use:
// no page table below them until a test maps one. fresh_region hands out 1 GiB regions of entry 2;
// the tests that count the tables a walk finds have an entry of their own.
constexpr seL4_Word free_area = 0x10000000000;      // level-0 entry 2
constexpr seL4_Word walk_area = 0x20000000000;      // entry 4: VSPACE0017
constexpr seL4_Word unmap_area = 0x28000000000;     // entry 5: VSPACE0022
constexpr seL4_Word large_area = 0x30000000000;     // entry 6: FRAME0005
constexpr seL4_Word elsewhere_area = 0x38000000000; // entry 7: VSPACE0026, in another address space only
seL4_Word next_area = free_area;

// A fresh 1 GiB region with the tables for its first 2 MiB (levels 1, 2 and 3).
seL4_Word fresh_region() {
    seL4_Word va = next_area;
    next_area += 1ul << 30;
    for (int i = 0; i < 3; i++) {
        seL4_CPtr pt = alloc_object(seL4_ARM_PageTableObject, 0);
        seL4_Error e = seL4_ARM_PageTable_Map(pt, vspace, va, seL4_ARM_Default_VMAttributes);
        if (e != seL4_NoError && e != seL4_DeleteFirst) return 0;
    }
    return va;
}

seL4_Error map(seL4_CPtr frame, seL4_CPtr root, seL4_Word va, seL4_CapRights_t rights = seL4_ReadWrite,
               seL4_Word attr = seL4_ARM_Default_VMAttributes) {
    return seL4_ARM_Page_Map(frame, root, va, rights, static_cast<seL4_ARM_VMAttributes>(attr));
}

volatile seL4_Word& word_at(seL4_Word va) { return *reinterpret_cast<volatile seL4_Word*>(va); }

// A thread that writes to touch_address (or jumps to it, run_at) and parks: the fault it takes,
// if any (label 0: none).
ThreadStack toucher_stack;
volatile seL4_Word touch_address;
void touch() {
    word_at(touch_address) = 1;
    park();
}
void read_touch() {
    seL4_Word v = word_at(touch_address);
    asm volatile("" ::"r"(v));  // the load happens
    park();
}
seL4_Word fault_of(void (*entry)(), seL4_Word address) {
    touch_address = address;
    return seL4_MessageInfo_get_label(run_until_fault(entry, toucher_stack));
}
seL4_Word write_fault(seL4_Word address) { return fault_of(touch, address); }
seL4_Word read_fault(seL4_Word address) { return fault_of(read_touch, address); }
seL4_Word run_at(seL4_Word address) {
    return seL4_MessageInfo_get_label(run_until_fault(reinterpret_cast<void (*)()>(address), toucher_stack));
}

// ESR_EL1 as a VM fault's FSR: a data abort from EL0 (EC 0x24) that wrote (WnR), a permission
// fault (DFSC 0b0011xx).
bool is_write_permission_fault(seL4_Word fsr) { return fsr >> 26 == 0x24 && (fsr & (1u << 6)) && (fsr & 0x3c) == 0x0c; }

}  // namespace

KEEL_TEST(VSPACE0017, "aarch64: a frame maps after tables at levels 1, 2 and 3 (FailedLookup with 39, 30, 21 bits left); it is memory until Unmap") {
    seL4_CPtr frame = alloc_object(seL4_ARM_SmallPageObject, 0);
    seL4_Word va = walk_area + page;
    const seL4_Word bits_left[] = {39, 30, 21};
    for (seL4_Word bits : bits_left) {
        KEEL_CHECK_EQ(map(frame, vspace, va), seL4_FailedLookup);
        KEEL_CHECK_EQ(seL4_GetMR(0), 0);  // not the source
        KEEL_CHECK_EQ(seL4_GetMR(1), seL4_MissingCapability);
        KEEL_CHECK_EQ(seL4_GetMR(2), bits);
        KEEL_CHECK_EQ(seL4_ARM_PageTable_Map(alloc_object(seL4_ARM_PageTableObject, 0), vspace, va, seL4_ARM_Default_VMAttributes),
                      seL4_NoError);
    }
    // A fourth table has nowhere to go: the walk reached the last level.
    KEEL_CHECK_EQ(seL4_ARM_PageTable_Map(alloc_object(seL4_ARM_PageTableObject, 0), vspace, va, seL4_ARM_Default_VMAttributes),
                  seL4_DeleteFirst);
    KEEL_CHECK_EQ(map(frame, vspace, va), seL4_NoError);
    KEEL_CHECK_EQ(word_at(va), 0);  // a new frame is zeroed
    word_at(va) = 0x5eed;
    word_at(va + page - 8) = 0xfeed;
    KEEL_CHECK_EQ(word_at(va) + word_at(va + page - 8), 0x5eed + 0xfeed);
    seL4_ARM_Page_GetAddress_t address = seL4_ARM_Page_GetAddress(frame);
    KEEL_CHECK_EQ(address.error, seL4_NoError);
    KEEL_CHECK(address.paddr >= 0x40000000);  // QEMU virt's RAM
    KEEL_CHECK_EQ(address.paddr & 0xfff, 0);
    KEEL_CHECK_EQ(write_fault(va), 0);
    KEEL_CHECK_EQ(seL4_ARM_Page_Unmap(frame), seL4_NoError);
    KEEL_CHECK_EQ(write_fault(va), seL4_Fault_VMFault);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_VMFault_Addr), va);
    KEEL_CHECK_EQ(seL4_ARM_Page_Unmap(frame), seL4_NoError);  // unmapping twice is no error
}

KEEL_TEST(VSPACE0018, "aarch64: Map's checks in seL4's Arm order (alignment before USER_TOP); a remap only where the frame is; a new frame replaces a mapping") {
    seL4_Word va = fresh_region();
    KEEL_CHECK(va != 0);
    seL4_CPtr frame = alloc_object(seL4_ARM_SmallPageObject, 0);
    seL4_CPtr table = alloc_object(seL4_ARM_PageTableObject, 0);
    KEEL_CHECK_EQ(map(frame, table, va), seL4_InvalidCapability);  // a page table is no VSpace root
    KEEL_CHECK_EQ(seL4_GetMR(0), 1);
    seL4_CPtr unassigned = alloc_object(seL4_ARM_VSpaceObject, 0);
    KEEL_CHECK_EQ(map(frame, unassigned, va), seL4_InvalidCapability);  // no ASID yet
    KEEL_CHECK_EQ(map(frame, vspace, va + 8), seL4_AlignmentError);
    KEEL_CHECK_EQ(map(frame, vspace, 0x800000000008), seL4_AlignmentError);  // above USER_TOP, but misaligned first
    KEEL_CHECK_EQ(map(frame, vspace, 0x800000000000), seL4_InvalidArgument);
    KEEL_CHECK_EQ(seL4_GetMR(0), 0);
    KEEL_CHECK_EQ(map(frame, vspace, va), seL4_NoError);
    KEEL_CHECK_EQ(map(frame, vspace, va + page), seL4_InvalidArgument);  // one frame cap, one address
    KEEL_CHECK_EQ(seL4_GetMR(0), 0);
    seL4_CPtr other = alloc_object(seL4_ARM_VSpaceObject, 0);
    KEEL_CHECK_EQ(seL4_ARM_ASIDPool_Assign(seL4_CapInitThreadASIDPool, other), seL4_NoError);
    KEEL_CHECK_EQ(map(frame, other, va), seL4_InvalidCapability);  // nor another address space
    KEEL_CHECK_EQ(seL4_GetMR(0), 1);
    KEEL_CHECK_EQ(map(frame, vspace, va), seL4_NoError);  // the same place again: a remap
    word_at(va) = 11;
    // seL4's Arm Map has no DeleteFirst: another frame replaces the mapping, its old translation gone.
    seL4_CPtr replacement = alloc_object(seL4_ARM_SmallPageObject, 0);
    KEEL_CHECK_EQ(map(replacement, vspace, va), seL4_NoError);
    KEEL_CHECK_EQ(word_at(va), 0);
    // The first frame's cap still says va: its cache operations find a stale mapping.
    KEEL_CHECK_EQ(seL4_ARM_Page_Clean_Data(frame, 0, page), seL4_InvalidCapability);
    KEEL_CHECK_EQ(seL4_GetMR(0), 0);
    // Its Unmap leaves the replacement where it is (the entry maps another frame).
    KEEL_CHECK_EQ(seL4_ARM_Page_Unmap(frame), seL4_NoError);
    KEEL_CHECK_EQ(read_fault(va), 0);
    KEEL_CHECK_EQ(seL4_ARM_Page_Unmap(replacement), seL4_NoError);
    KEEL_CHECK_EQ(read_fault(va), seL4_Fault_VMFault);
}

KEEL_TEST(VSPACE0019, "aarch64: a read-only mapping faults on write (a permission fault); rights come from the cap as Mint masked them, and a remap changes them at once") {
    seL4_Word va = fresh_region();
    seL4_CPtr frame = alloc_object(seL4_ARM_SmallPageObject, 0);
    KEEL_CHECK_EQ(map(frame, vspace, va, seL4_CanRead), seL4_NoError);
    KEEL_CHECK_EQ(read_fault(va), 0);
    KEEL_CHECK_EQ(write_fault(va), seL4_Fault_VMFault);
    KEEL_CHECK(is_write_permission_fault(seL4_GetMR(seL4_VMFault_FSR)));
    KEEL_CHECK_EQ(map(frame, vspace, va, seL4_ReadWrite), seL4_NoError);  // remapped read-write
    KEEL_CHECK_EQ(write_fault(va), 0);
    KEEL_CHECK_EQ(map(frame, vspace, va, seL4_CanRead), seL4_NoError);  // and back: no stale translation
    KEEL_CHECK_EQ(write_fault(va), seL4_Fault_VMFault);
    // A copy made read-only maps read-only whatever Map asks for.
    seL4_CPtr read_only = alloc_slot();
    KEEL_CHECK_EQ(seL4_CNode_Copy(root, read_only, 64, root, frame, 64, seL4_CanRead), seL4_NoError);
    KEEL_CHECK_EQ(map(read_only, vspace, va + page, seL4_ReadWrite), seL4_NoError);
    KEEL_CHECK_EQ(read_fault(va + page), 0);
    KEEL_CHECK_EQ(write_fault(va + page), seL4_Fault_VMFault);
    // Write-only is no right to a mapping at all: kernel-only, so a user read faults.
    KEEL_CHECK_EQ(map(frame, vspace, va, seL4_CanWrite), seL4_NoError);
    KEEL_CHECK_EQ(read_fault(va), seL4_Fault_VMFault);
}

KEEL_TEST(VSPACE0020, "aarch64: code runs from a frame once Unify_Instruction made it visible; mapped ExecuteNever, fetching it is a prefetch VM fault") {
    seL4_Word va = fresh_region();
    seL4_CPtr frame = alloc_object(seL4_ARM_SmallPageObject, 0);
    KEEL_CHECK_EQ(map(frame, vspace, va), seL4_NoError);
    *reinterpret_cast<volatile unsigned*>(va) = 0x00000000;  // udf #0
    KEEL_CHECK_EQ(seL4_ARM_Page_Unify_Instruction(frame, 0, 4), seL4_NoError);
    KEEL_CHECK_EQ(run_at(va), seL4_Fault_UserException);  // it ran: the undefined instruction
    KEEL_CHECK_EQ(map(frame, vspace, va, seL4_ReadWrite, seL4_ARM_Default_VMAttributes | seL4_ARM_ExecuteNever),
                  seL4_NoError);
    KEEL_CHECK_EQ(run_at(va), seL4_Fault_VMFault);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_VMFault_Addr), va);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_VMFault_PrefetchFault), 1);
}

KEEL_TEST(VSPACE0021, "aarch64: the page and VSpace cache operations keep the data and refuse bad ranges, unmapped frames and Invalidate without write") {
    seL4_Word va = fresh_region();
    seL4_CPtr frame = alloc_object(seL4_ARM_SmallPageObject, 0);
    KEEL_CHECK_EQ(seL4_ARM_Page_Clean_Data(frame, 0, page), seL4_IllegalOperation);  // not mapped
    KEEL_CHECK_EQ(map(frame, vspace, va), seL4_NoError);
    word_at(va + 64) = 0xc0ffee;
    KEEL_CHECK_EQ(seL4_ARM_Page_Clean_Data(frame, 0, page), seL4_NoError);
    KEEL_CHECK_EQ(seL4_ARM_Page_CleanInvalidate_Data(frame, 64, 72), seL4_NoError);
    KEEL_CHECK_EQ(word_at(va + 64), 0xc0ffee);  // cleaned before invalidated: nothing lost
    KEEL_CHECK_EQ(seL4_ARM_Page_Invalidate_Data(frame, 60, 70), seL4_NoError);  // partial lines cleaned first
    KEEL_CHECK_EQ(word_at(va + 64), 0xc0ffee);
    KEEL_CHECK_EQ(seL4_ARM_Page_Unify_Instruction(frame, 0, page), seL4_NoError);
    KEEL_CHECK_EQ(seL4_ARM_Page_Clean_Data(frame, 8, 8), seL4_InvalidArgument);  // end <= start
    KEEL_CHECK_EQ(seL4_GetMR(0), 1);
    KEEL_CHECK_EQ(seL4_ARM_Page_Clean_Data(frame, 0, page + 1), seL4_InvalidArgument);  // past the page
    KEEL_CHECK_EQ(seL4_GetMR(0), 0);
    KEEL_CHECK_EQ(seL4_ARM_Page_Clean_Data(frame, page, page + 8), seL4_InvalidArgument);
    KEEL_CHECK_EQ(seL4_GetMR(0), 0);
    KEEL_CHECK_EQ(seL4_ARM_VSpace_Clean_Data(vspace, va, va + page), seL4_NoError);
    KEEL_CHECK_EQ(seL4_ARM_VSpace_CleanInvalidate_Data(vspace, va + 8, va + 16), seL4_NoError);
    KEEL_CHECK_EQ(word_at(va + 64), 0xc0ffee);
    KEEL_CHECK_EQ(seL4_ARM_VSpace_Clean_Data(vspace, va + 8, va + 8), seL4_InvalidArgument);
    KEEL_CHECK_EQ(seL4_GetMR(0), 1);
    KEEL_CHECK_EQ(seL4_ARM_VSpace_Clean_Data(vspace, va, va + page + 8), seL4_RangeError);  // crosses the page
    KEEL_CHECK_EQ(seL4_GetMR(0), va);
    KEEL_CHECK_EQ(seL4_GetMR(1), va + page - 1);
    KEEL_CHECK_EQ(seL4_ARM_VSpace_Clean_Data(vspace, va, 0x800000000000), seL4_IllegalOperation);  // past USER_TOP
    KEEL_CHECK_EQ(seL4_ARM_VSpace_Clean_Data(vspace, va + page, va + 2 * page), seL4_NoError);  // unmapped: nothing to do
    KEEL_CHECK_EQ(seL4_ARM_VSpace_Clean_Data(alloc_object(seL4_ARM_VSpaceObject, 0), va, va + 8), seL4_InvalidCapability);
    KEEL_CHECK_EQ(seL4_GetMR(0), 0);
    KEEL_CHECK_EQ(map(frame, vspace, va, seL4_CanRead), seL4_NoError);
    KEEL_CHECK_EQ(seL4_ARM_Page_Invalidate_Data(frame, 0, page), seL4_IllegalOperation);  // DC IVAC needs write
    KEEL_CHECK_EQ(seL4_ARM_VSpace_Invalidate_Data(vspace, va, va + 64), seL4_IllegalOperation);
    KEEL_CHECK_EQ(seL4_ARM_Page_Clean_Data(frame, 0, page), seL4_NoError);
    KEEL_CHECK_EQ(seL4_ARM_Page_Unmap(frame), seL4_NoError);
    KEEL_CHECK_EQ(seL4_ARM_Page_CleanInvalidate_Data(frame, 0, page), seL4_IllegalOperation);
}

KEEL_TEST(VSPACE0022, "aarch64: PageTable Map and Unmap with seL4's errors; an unmapped or deleted table takes its frames' mappings with it") {
    seL4_Word va = unmap_area;
    seL4_CPtr l1 = alloc_object(seL4_ARM_PageTableObject, 0), l2 = alloc_object(seL4_ARM_PageTableObject, 0);
    seL4_CPtr l3 = alloc_object(seL4_ARM_PageTableObject, 0);
    KEEL_CHECK_EQ(seL4_ARM_PageTable_Map(l1, vspace, 0x800000000000, seL4_ARM_Default_VMAttributes), seL4_InvalidArgument);
    KEEL_CHECK_EQ(seL4_ARM_PageTable_Map(l1, alloc_object(seL4_ARM_PageTableObject, 0), va, seL4_ARM_Default_VMAttributes),
                  seL4_InvalidCapability);
    KEEL_CHECK_EQ(seL4_GetMR(0), 1);
    KEEL_CHECK_EQ(seL4_ARM_PageTable_Map(l1, vspace, va, seL4_ARM_Default_VMAttributes), seL4_NoError);
    KEEL_CHECK_EQ(seL4_ARM_PageTable_Map(l1, vspace, va, seL4_ARM_Default_VMAttributes), seL4_InvalidCapability);  // mapped
    KEEL_CHECK_EQ(seL4_GetMR(0), 0);
    KEEL_CHECK_EQ(seL4_ARM_PageTable_Map(l2, vspace, va, seL4_ARM_Default_VMAttributes), seL4_NoError);
    KEEL_CHECK_EQ(seL4_ARM_PageTable_Map(l3, vspace, va, seL4_ARM_Default_VMAttributes), seL4_NoError);
    seL4_CPtr frame = alloc_object(seL4_ARM_SmallPageObject, 0);
    KEEL_CHECK_EQ(map(frame, vspace, va), seL4_NoError);
    KEEL_CHECK_EQ(write_fault(va), 0);
    seL4_CPtr copy = alloc_slot();
    KEEL_CHECK_EQ(seL4_CNode_Copy(root, copy, 64, root, l3, 64, seL4_AllRights), seL4_NoError);
    KEEL_CHECK_EQ(seL4_ARM_PageTable_Unmap(l3), seL4_RevokeFirst);  // not the last cap
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, copy, 64), seL4_NoError);
    KEEL_CHECK_EQ(seL4_ARM_PageTable_Unmap(l3), seL4_NoError);
    KEEL_CHECK_EQ(write_fault(va), seL4_Fault_VMFault);
    KEEL_CHECK_EQ(map(frame, vspace, va), seL4_FailedLookup);  // the frame's cap still says va, but no table is there
    // The table, cleared, maps again; then deleting the level-2 table's last cap unmaps it all.
    KEEL_CHECK_EQ(seL4_ARM_Page_Unmap(frame), seL4_NoError);
    KEEL_CHECK_EQ(seL4_ARM_PageTable_Map(l3, vspace, va, seL4_ARM_Default_VMAttributes), seL4_NoError);
    KEEL_CHECK_EQ(map(frame, vspace, va), seL4_NoError);
    KEEL_CHECK_EQ(read_fault(va), 0);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, l2, 64), seL4_NoError);
    KEEL_CHECK_EQ(read_fault(va), seL4_Fault_VMFault);
    KEEL_CHECK_EQ(seL4_ARM_PageTable_Map(l3, vspace, va, seL4_ARM_Default_VMAttributes), seL4_InvalidCapability);  // still says mapped
}

KEEL_TEST(VSPACE0023, "aarch64: ASID pools and Assign with seL4's errors; a VSpace whose ASID goes takes no mappings, and deleting the frame's cap unmaps it") {
    seL4_CPtr space = alloc_object(seL4_ARM_VSpaceObject, 0);
    KEEL_CHECK_EQ(seL4_ARM_ASIDPool_Assign(seL4_CapInitThreadASIDPool, alloc_object(seL4_ARM_PageTableObject, 0)),
                  seL4_InvalidCapability);
    KEEL_CHECK_EQ(seL4_ARM_ASIDPool_Assign(seL4_CapInitThreadASIDPool, space), seL4_NoError);
    KEEL_CHECK_EQ(seL4_ARM_ASIDPool_Assign(seL4_CapInitThreadASIDPool, space), seL4_InvalidCapability);  // has one
    KEEL_CHECK_EQ(seL4_GetMR(0), 1);
    KEEL_CHECK_EQ(seL4_ARM_ASIDControl_MakePool(seL4_CapASIDControl, alloc_untyped(13), root, alloc_slot(), 64),
                  seL4_InvalidCapability);  // not one page
    seL4_CPtr ut = alloc_untyped(12), pool = alloc_slot();
    KEEL_CHECK_EQ(seL4_ARM_ASIDControl_MakePool(seL4_CapASIDControl, ut, root, pool, 64), seL4_NoError);
    KEEL_CHECK_EQ(seL4_ARM_ASIDControl_MakePool(seL4_CapASIDControl, ut, root, alloc_slot(), 64), seL4_RevokeFirst);
    seL4_CPtr mine = alloc_object(seL4_ARM_VSpaceObject, 0);
    KEEL_CHECK_EQ(seL4_ARM_ASIDPool_Assign(pool, mine), seL4_NoError);
    seL4_Word va = 0x1000000;
    for (int i = 0; i < 3; i++) {
        KEEL_CHECK_EQ(seL4_ARM_PageTable_Map(alloc_object(seL4_ARM_PageTableObject, 0), mine, va, seL4_ARM_Default_VMAttributes),
                      seL4_NoError);
    }
    seL4_CPtr frame = alloc_object(seL4_ARM_SmallPageObject, 0);
    KEEL_CHECK_EQ(map(frame, mine, va), seL4_NoError);
    KEEL_CHECK_EQ(seL4_ARM_VSpace_Clean_Data(mine, va, va + 64), seL4_NoError);  // flushed through another address space
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, pool, 64), seL4_NoError);  // the pool, and the ASID with it
    KEEL_CHECK_EQ(map(alloc_object(seL4_ARM_SmallPageObject, 0), mine, va + page), seL4_FailedLookup);
    KEEL_CHECK_EQ(seL4_ARM_PageTable_Map(alloc_object(seL4_ARM_PageTableObject, 0), mine, va, seL4_ARM_Default_VMAttributes),
                  seL4_FailedLookup);
    KEEL_CHECK_EQ(seL4_ARM_VSpace_Clean_Data(mine, va, va + 64), seL4_FailedLookup);
    KEEL_CHECK_EQ(seL4_ARM_Page_Clean_Data(frame, 0, 64), seL4_FailedLookup);
    KEEL_CHECK_EQ(seL4_ARM_Page_Unmap(frame), seL4_NoError);
    // In the root task's address space, deleting a mapped frame's cap unmaps it.
    seL4_Word mine_va = fresh_region();
    seL4_CPtr frame2 = alloc_object(seL4_ARM_SmallPageObject, 0);
    KEEL_CHECK_EQ(map(frame2, vspace, mine_va), seL4_NoError);
    KEEL_CHECK_EQ(read_fault(mine_va), 0);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, frame2, 64), seL4_NoError);
    KEEL_CHECK_EQ(read_fault(mine_va), seL4_Fault_VMFault);
}

KEEL_TEST(FRAME0005, "aarch64: a 2 MiB frame maps as a level-2 block, memory throughout; not where a level-3 table is (FailedLookup, 12 bits left), and no table goes where it is") {
    seL4_Word va = large_area;
    seL4_CPtr large = alloc_object(seL4_ARM_LargePageObject, 0);
    KEEL_CHECK(large != 0);
    seL4_CPtr l1 = alloc_object(seL4_ARM_PageTableObject, 0), l2 = alloc_object(seL4_ARM_PageTableObject, 0);
    seL4_CPtr l3 = alloc_object(seL4_ARM_PageTableObject, 0);
    KEEL_CHECK_EQ(seL4_ARM_PageTable_Map(l1, vspace, va, seL4_ARM_Default_VMAttributes), seL4_NoError);
    KEEL_CHECK_EQ(map(large, vspace, va), seL4_FailedLookup);  // no level-2 table: 30 bits left
    KEEL_CHECK_EQ(seL4_GetMR(2), 30);
    KEEL_CHECK_EQ(seL4_ARM_PageTable_Map(l2, vspace, va, seL4_ARM_Default_VMAttributes), seL4_NoError);
    KEEL_CHECK_EQ(map(large, vspace, va + page), seL4_AlignmentError);
    KEEL_CHECK_EQ(seL4_ARM_PageTable_Map(l3, vspace, va, seL4_ARM_Default_VMAttributes), seL4_NoError);
    KEEL_CHECK_EQ(map(large, vspace, va), seL4_FailedLookup);  // the walk reaches level 3
    KEEL_CHECK_EQ(seL4_GetMR(2), 12);
    KEEL_CHECK_EQ(seL4_ARM_PageTable_Unmap(l3), seL4_NoError);
    KEEL_CHECK_EQ(map(large, vspace, va), seL4_NoError);
    word_at(va) = 1;
    word_at(va + (1ul << 20) + 8) = 2;
    word_at(va + (2ul << 20) - 8) = 3;
    KEEL_CHECK_EQ(word_at(va) + word_at(va + (1ul << 20) + 8) + word_at(va + (2ul << 20) - 8), 6);
    KEEL_CHECK_EQ(seL4_ARM_PageTable_Map(l3, vspace, va, seL4_ARM_Default_VMAttributes), seL4_DeleteFirst);
    KEEL_CHECK_EQ(seL4_ARM_Page_CleanInvalidate_Data(large, 1ul << 20, (1ul << 20) + 64), seL4_NoError);
    KEEL_CHECK_EQ(word_at(va + (1ul << 20) + 8), 2);
    KEEL_CHECK_EQ(seL4_ARM_Page_Clean_Data(large, 0, (2ul << 20) + 1), seL4_InvalidArgument);
    KEEL_CHECK_EQ(seL4_ARM_VSpace_Clean_Data(vspace, va + page, va + (2ul << 20)), seL4_NoError);  // one block: no page boundary
    KEEL_CHECK_EQ(read_fault(va + (2ul << 20) - 8), 0);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, large, 64), seL4_NoError);
    KEEL_CHECK_EQ(read_fault(va + (2ul << 20) - 8), seL4_Fault_VMFault);
}

KEEL_TEST(VSPACE0024, "aarch64: a thread runs in a second address space (its own ASID pool) on code made visible by Unify_Instruction there; once the pool is deleted it runs on nothing: a prefetch VM fault") {
    seL4_CPtr ut = alloc_untyped(12), pool = alloc_slot();
    KEEL_CHECK_EQ(seL4_ARM_ASIDControl_MakePool(seL4_CapASIDControl, ut, root, pool, 64), seL4_NoError);
    seL4_CPtr space = alloc_object(seL4_ARM_VSpaceObject, 0);
    KEEL_CHECK_EQ(seL4_ARM_ASIDPool_Assign(pool, space), seL4_NoError);
    constexpr seL4_Word code_va = 0x1000000;
    for (int i = 0; i < 3; i++) {
        KEEL_CHECK_EQ(seL4_ARM_PageTable_Map(alloc_object(seL4_ARM_PageTableObject, 0), space, code_va, seL4_ARM_Default_VMAttributes),
                      seL4_NoError);
    }
    // One frame holds the code and the word it writes; the root task sees it through a copy.
    seL4_CPtr frame = alloc_object(seL4_ARM_SmallPageObject, 0), view = alloc_slot();
    KEEL_CHECK_EQ(seL4_CNode_Copy(root, view, 64, root, frame, 64, seL4_AllRights), seL4_NoError);
    seL4_Word va = fresh_region();
    KEEL_CHECK_EQ(map(view, vspace, va), seL4_NoError);
    auto* code = reinterpret_cast<volatile unsigned char*>(va);
    for (const unsigned char* b = store_probe; b != store_probe_end; b++) code[b - store_probe] = *b;
    KEEL_CHECK_EQ(map(frame, space, code_va), seL4_NoError);
    KEEL_CHECK_EQ(seL4_ARM_Page_Unify_Instruction(frame, 0, 64), seL4_NoError);  // through the other address space
    seL4_CPtr fault_ep = alloc_object(seL4_EndpointObject, 0);
    seL4_CPtr t = alloc_object(seL4_TCBObject, 0);
    KEEL_CHECK_EQ(keel_configure_thread(t, fault_ep, space, 0, 0, 100), seL4_NoError);
    seL4_UserContext regs = {};
    keel_context_start(&regs, code_va, 0, 0);
    keel_context_args(&regs, code_va + 0x800, 0xdeadbeef, static_cast<seL4_Word>(seL4_SysYield));
    KEEL_CHECK_EQ(set_own_priority(100), seL4_NoError);
    KEEL_CHECK_EQ(seL4_TCB_WriteRegisters(t, 1, 0, KEEL_CONTEXT_WORDS, &regs), seL4_NoError);
    for (int i = 0; i < 100 && word_at(va + 0x800) == 0; i++) seL4_Yield();
    KEEL_CHECK_EQ(word_at(va + 0x800), 0xdeadbeef);
    seL4_Word badge = 0;
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(keel_nb_recv(fault_ep, &badge)), 0);  // running, no fault
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, pool, 64), seL4_NoError);
    for (int i = 0; i < 10; i++) seL4_Yield();
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(keel_nb_recv(fault_ep, &badge)), seL4_Fault_VMFault);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_VMFault_PrefetchFault), 1);
    KEEL_CHECK(seL4_GetMR(seL4_VMFault_Addr) >= code_va && seL4_GetMR(seL4_VMFault_Addr) < code_va + 16);
    KEEL_CHECK_EQ(seL4_TCB_Suspend(t), seL4_NoError);
}

namespace {
seL4_Word rng_state = 0x9e3779b97f4a7c15;
seL4_Word rnd(seL4_Word n) {
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state % n;
}

// The objects the random invocations work on: two address spaces of their own (never the root
// task's: a Map there could replace its code), one unassigned, tables and frames.
struct RandomWorld {
    seL4_CPtr spaces[3], tables[6], frames[5];
    seL4_CPtr any_cap() {
        seL4_Word i = rnd(14);
        return i < 3 ? spaces[i] : i < 9 ? tables[i - 3] : frames[i - 9];
    }
    seL4_CPtr space() { return spaces[rnd(3)]; }
};

seL4_Word random_vaddr() {
    const seL4_Word interesting[] = {0, 0x1000, 0x200000, 0x201000, 0x40000000, 0x40200000, 0x7fffffe00000,
                                     0x7ffffffff000, 0x800000000000, 0xffffffffffe00000, 0x1008};
    return rnd(4) ? interesting[rnd(sizeof(interesting) / sizeof(interesting[0]))] : rng_state;
}
seL4_Word random_offset() { return rnd(3) ? rnd(0x2000) : rng_state; }

// One random invocation: seL4's Arm calls with random arguments, or any label with garbage words.
// Counts the frame and table Maps that succeed (the walk must reach mapped states).
unsigned frame_maps, table_maps;
void random_invocation(RandomWorld& w) {
    seL4_CapRights_t rights = seL4_CapRights_new(rnd(2), rnd(2), rnd(2), rnd(2));
    auto attr = static_cast<seL4_ARM_VMAttributes>(rnd(8));
    switch (rnd(13)) {
    case 12: {  // a whole path: tables at up to three levels, then a frame
        seL4_CPtr space = w.space();
        seL4_Word vaddr = random_vaddr(), first = rnd(6);
        for (seL4_Word i = 0; i < 3; i++) {
            table_maps += seL4_ARM_PageTable_Map(w.tables[(first + i) % 6], space, vaddr, attr) == seL4_NoError;
        }
        frame_maps += seL4_ARM_Page_Map(w.frames[rnd(5)], space, vaddr, rights, attr) == seL4_NoError;
        return;
    }
    case 0: frame_maps += seL4_ARM_Page_Map(w.frames[rnd(5)], w.space(), random_vaddr(), rights, attr) == seL4_NoError; return;
    case 1: seL4_ARM_Page_Unmap(w.frames[rnd(5)]); return;
    case 2: seL4_ARM_Page_Clean_Data(w.frames[rnd(5)], random_offset(), random_offset()); return;
    case 3: seL4_ARM_Page_Invalidate_Data(w.frames[rnd(5)], random_offset(), random_offset()); return;
    case 4: seL4_ARM_Page_Unify_Instruction(w.frames[rnd(5)], random_offset(), random_offset()); return;
    case 5: table_maps += seL4_ARM_PageTable_Map(w.tables[rnd(6)], w.space(), random_vaddr(), attr) == seL4_NoError; return;
    case 6: seL4_ARM_PageTable_Unmap(w.tables[rnd(6)]); return;
    case 7: seL4_ARM_VSpace_CleanInvalidate_Data(w.space(), random_vaddr(), random_vaddr()); return;
    case 8: seL4_ARM_ASIDPool_Assign(seL4_CapInitThreadASIDPool, w.any_cap()); return;
    case 9: seL4_ARM_Page_GetAddress(w.frames[rnd(5)]); return;
    default:
        for (int i = 0; i < 4; i++) seL4_SetMR(i, rnd(2) ? random_vaddr() : rng_state);
        seL4_Call(w.any_cap(), seL4_MessageInfo_new(rnd(64), 0, 0, rnd(5)));
        return;
    }
}
}  // namespace

KEEL_TEST(VSPACE0025, "aarch64: 5,000 random Arm paging, cache and ASID invocations (garbage labels, addresses, ranges, rights) answer seL4 errors, never a crash; the checked kernel's mapping invariants hold after each, and deleting everything unmaps it") {
    RandomWorld w{};
    for (seL4_CPtr& s : w.spaces) s = alloc_object(seL4_ARM_VSpaceObject, 0);
    KEEL_CHECK_EQ(seL4_ARM_ASIDPool_Assign(seL4_CapInitThreadASIDPool, w.spaces[0]), seL4_NoError);
    KEEL_CHECK_EQ(seL4_ARM_ASIDPool_Assign(seL4_CapInitThreadASIDPool, w.spaces[1]), seL4_NoError);
    for (seL4_CPtr& t : w.tables) t = alloc_object(seL4_ARM_PageTableObject, 0);
    for (int i = 0; i < 4; i++) w.frames[i] = alloc_object(seL4_ARM_SmallPageObject, 0);
    w.frames[4] = alloc_object(seL4_ARM_LargePageObject, 0);
    for (int i = 0; i < 5000; i++) random_invocation(w);
    KEEL_CHECK(frame_maps > 10 && table_maps > 10);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, w.spaces[0], 64), seL4_NoError);
    for (seL4_CPtr f : w.frames) KEEL_CHECK_EQ(seL4_CNode_Delete(root, f, 64), seL4_NoError);
    for (seL4_CPtr t : w.tables) KEEL_CHECK_EQ(seL4_CNode_Delete(root, t, 64), seL4_NoError);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, w.spaces[1], 64), seL4_NoError);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, w.spaces[2], 64), seL4_NoError);
}

namespace {

seL4_CPtr elsewhere_space;
volatile seL4_Error elsewhere_flushes;

// A new address space with one frame, at elsewhere_area, that the root task's does not map.
seL4_CPtr space_with_elsewhere_frame() {
    elsewhere_space = keel_new_vspace();
    seL4_CPtr frame = alloc_object(seL4_ARM_SmallPageObject, 0);
    if (!elsewhere_space || keel_map_frame(frame, elsewhere_space, elsewhere_area, seL4_ReadWrite)) return 0;
    return elsewhere_space;
}

// Every cache operation of a VSpace on the frame only the new address space maps, while TTBR0
// still holds the old one: the errors or'ed together.
void flush_elsewhere() {
    seL4_Word va = elsewhere_area;
    elsewhere_flushes = static_cast<seL4_Error>(
        seL4_ARM_VSpace_Clean_Data(elsewhere_space, va, va + page) |
        seL4_ARM_VSpace_Invalidate_Data(elsewhere_space, va + 8, va + 72) |
        seL4_ARM_VSpace_CleanInvalidate_Data(elsewhere_space, va, va + 64) |
        seL4_ARM_VSpace_Unify_Instruction(elsewhere_space, va, va + page));
}

}  // namespace

// On hardware a maintenance instruction on a line the loaded TTBR0 does not map aborts at EL1;
// the checked kernel stops there too (QEMU's are no-ops).
KEEL_TEST(VSPACE0026, "aarch64: after TCB_SetSpace on itself (its old address space loaded until its next switch), the VSpace cache operations on a page only its new one maps run through the new one: no error, no kernel abort, and it runs on in the old one") {
    elsewhere_flushes = seL4_NotEnoughMemory;
    KEEL_CHECK(runs_on_until_switched(space_with_elsewhere_frame, flush_elsewhere, false));
    KEEL_CHECK_EQ(elsewhere_flushes, seL4_NoError);
}
