// VSPACE, PAGEFAULT, FRAME: x86_64 paging structures, frames, ASID pools and address spaces.
#include "thread_helpers.h"

using namespace keel;

namespace {

constexpr seL4_Word free_area = 0x10000000;  // 256 MiB: unused by the root task's image
constexpr seL4_CPtr vspace = seL4_CapInitThreadVSpace;
seL4_Word next_area = free_area;

// A fresh 2 MiB region of the root task's address space with a page table behind it.
seL4_Word fresh_region() {
    seL4_Word va = next_area;
    next_area += 1ul << 21;
    seL4_CPtr pt = alloc_object(seL4_X86_PageTableObject, 0);
    if (seL4_X86_PageTable_Map(pt, vspace, va, seL4_X86_Default_VMAttributes) != seL4_NoError) return 0;
    return va;
}

// Machine code at `at`.
void write_code(volatile unsigned char* at, const unsigned char* code, unsigned size) {
    for (unsigned i = 0; i < size; i++) at[i] = code[i];
}

// The 32-bit immediate of an instruction, at `at`.
void write_imm32(volatile unsigned char* at, seL4_Word imm) {
    for (unsigned i = 0; i < 4; i++) at[i] = static_cast<unsigned char>(imm >> (8 * i));
}

}  // namespace

KEEL_TEST(VSPACE0001, "a retyped frame mapped behind a new page table is memory; GetAddress names it") {
    seL4_Word va = fresh_region();
    KEEL_CHECK(va != 0);
    seL4_CPtr frame = alloc_object(seL4_X86_4K, 0);
    KEEL_CHECK_EQ(seL4_X86_Page_Map(frame, vspace, va, seL4_ReadWrite, seL4_X86_Default_VMAttributes), seL4_NoError);
    auto* p = reinterpret_cast<volatile seL4_Word*>(va);
    KEEL_CHECK_EQ(p[0], 0);  // new frames are zeroed
    p[0] = 0x1234;
    p[511] = 0x5678;
    KEEL_CHECK_EQ(p[0] + p[511], 0x68ac);
    seL4_X86_Page_GetAddress_t addr = seL4_X86_Page_GetAddress(frame);
    KEEL_CHECK_EQ(addr.error, seL4_NoError);
    KEEL_CHECK_EQ(addr.paddr & 0xfff, 0);
    KEEL_CHECK(addr.paddr != 0);
}

KEEL_TEST(VSPACE0002, "mapping without the tables below is a FailedLookup with the bits left") {
    seL4_CPtr frame = alloc_object(seL4_X86_4K, 0);
    KEEL_CHECK_EQ(seL4_X86_Page_Map(frame, vspace, 0x20000000, seL4_ReadWrite, seL4_X86_Default_VMAttributes), seL4_FailedLookup);
    KEEL_CHECK_EQ(seL4_GetMR(0), 0);
    KEEL_CHECK_EQ(seL4_GetMR(1), seL4_MissingCapability);
    KEEL_CHECK_EQ(seL4_GetMR(2), 21);  // no page table: 21 bits still to translate
    KEEL_CHECK_EQ(seL4_X86_Page_Map(frame, vspace, 0x8000000000, seL4_ReadWrite, seL4_X86_Default_VMAttributes), seL4_FailedLookup);
    KEEL_CHECK_EQ(seL4_GetMR(2), 39);  // no PDPT at all
}

KEEL_TEST(VSPACE0003, "bad addresses, alignment and roots are refused with seL4's errors") {
    seL4_Word va = fresh_region();
    seL4_CPtr frame = alloc_object(seL4_X86_4K, 0);
    KEEL_CHECK_EQ(seL4_X86_Page_Map(frame, vspace, va + 0x10, seL4_ReadWrite, seL4_X86_Default_VMAttributes), seL4_AlignmentError);
    KEEL_CHECK_EQ(seL4_X86_Page_Map(frame, vspace, seL4_UserTop, seL4_ReadWrite, seL4_X86_Default_VMAttributes), seL4_InvalidArgument);
    KEEL_CHECK_EQ(seL4_GetMR(0), 0);
    KEEL_CHECK_EQ(seL4_X86_Page_Map(frame, vspace, 0xffffffff80000000ul, seL4_ReadWrite, seL4_X86_Default_VMAttributes), seL4_InvalidArgument);
    KEEL_CHECK_EQ(seL4_X86_Page_Map(frame, seL4_CapInitThreadCNode, va, seL4_ReadWrite, seL4_X86_Default_VMAttributes), seL4_InvalidCapability);
    KEEL_CHECK_EQ(seL4_GetMR(0), 1);
    seL4_CPtr unassigned = alloc_object(seL4_X64_PML4Object, 0);
    KEEL_CHECK_EQ(seL4_X86_Page_Map(frame, unassigned, va, seL4_ReadWrite, seL4_X86_Default_VMAttributes), seL4_InvalidCapability);
    seL4_CPtr pt = alloc_object(seL4_X86_PageTableObject, 0);
    KEEL_CHECK_EQ(seL4_X86_PageTable_Map(pt, vspace, va, seL4_X86_Default_VMAttributes), seL4_DeleteFirst);  // a table is there already
    seL4_CPtr pt2 = alloc_object(seL4_X86_PageTableObject, 0);
    KEEL_CHECK_EQ(seL4_X86_PageTable_Map(pt2, vspace, next_area, seL4_X86_Default_VMAttributes), seL4_NoError);
    KEEL_CHECK_EQ(seL4_X86_PageTable_Map(pt2, vspace, next_area + (1ul << 21), seL4_X86_Default_VMAttributes), seL4_InvalidCapability);
    next_area += 1ul << 21;
}

KEEL_TEST(VSPACE0004, "a mapped frame cap maps again only at the same address; copies map elsewhere") {
    seL4_Word va = fresh_region();
    seL4_CPtr frame = alloc_object(seL4_X86_4K, 0);
    KEEL_CHECK_EQ(seL4_X86_Page_Map(frame, vspace, va, seL4_ReadWrite, seL4_X86_Default_VMAttributes), seL4_NoError);
    KEEL_CHECK_EQ(seL4_X86_Page_Map(frame, vspace, va + 0x1000, seL4_ReadWrite, seL4_X86_Default_VMAttributes), seL4_InvalidArgument);
    KEEL_CHECK_EQ(seL4_X86_Page_Map(frame, vspace, va, seL4_CanRead, seL4_X86_Default_VMAttributes), seL4_NoError);  // remap: new rights
    seL4_CPtr copy = alloc_slot();
    KEEL_CHECK_EQ(seL4_CNode_Copy(root, copy, 64, root, frame, 64, seL4_AllRights), seL4_NoError);
    KEEL_CHECK_EQ(seL4_X86_Page_Map(copy, vspace, va + 0x1000, seL4_ReadWrite, seL4_X86_Default_VMAttributes), seL4_NoError);
    *reinterpret_cast<volatile seL4_Word*>(va + 0x1000) = 42;
    KEEL_CHECK_EQ(*reinterpret_cast<volatile seL4_Word*>(va), 42);  // one frame, two addresses
}

namespace {
ThreadStack toucher_stack;
volatile seL4_Word touch_address;
void touch() {
    *reinterpret_cast<volatile seL4_Word*>(touch_address) = 1;
    park();
}

// Runs `touch` on `address` in a new thread; returns the label of the fault it takes.
seL4_Word touch_and_catch(seL4_Word address) {
    touch_address = address;
    return seL4_MessageInfo_get_label(run_until_fault(touch, toucher_stack));
}
}  // namespace

KEEL_TEST(PAGEFAULT0001, "writing a read-only mapping, or an unmapped page, is a VM fault with x86's error code") {
    seL4_Word va = fresh_region();
    seL4_CPtr frame = alloc_object(seL4_X86_4K, 0);
    KEEL_CHECK_EQ(seL4_X86_Page_Map(frame, vspace, va, seL4_CanRead, seL4_X86_Default_VMAttributes), seL4_NoError);
    KEEL_CHECK_EQ(touch_and_catch(va), seL4_Fault_VMFault);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_VMFault_Addr), va);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_VMFault_FSR), 0x7);  // present, write, user
    KEEL_CHECK_EQ(seL4_X86_Page_Unmap(frame), seL4_NoError);
    KEEL_CHECK_EQ(touch_and_catch(va + 8), seL4_Fault_VMFault);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_VMFault_FSR), 0x6);  // not present, write, user
    KEEL_CHECK_EQ(seL4_X86_Page_Map(frame, vspace, va, seL4_ReadWrite, seL4_X86_Default_VMAttributes), seL4_NoError);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, frame, 64), seL4_NoError);  // deleting the cap unmaps
    KEEL_CHECK_EQ(touch_and_catch(va + 16), seL4_Fault_VMFault);
}

KEEL_TEST(VSPACE0005, "a second address space: ASID pool, page tables, a frame shared with the root task, a thread") {
    seL4_CPtr pml4 = alloc_object(seL4_X64_PML4Object, 0);
    KEEL_CHECK_EQ(seL4_X86_ASIDPool_Assign(seL4_CapInitThreadASIDPool, pml4), seL4_NoError);
    KEEL_CHECK_EQ(seL4_X86_ASIDPool_Assign(seL4_CapInitThreadASIDPool, pml4), seL4_InvalidCapability);
    constexpr seL4_Word code_va = 0x1000000;
    KEEL_CHECK_EQ(seL4_X86_PDPT_Map(alloc_object(seL4_X86_PDPTObject, seL4_X86_Default_VMAttributes), pml4, code_va, seL4_X86_Default_VMAttributes), seL4_NoError);
    KEEL_CHECK_EQ(seL4_X86_PageDirectory_Map(alloc_object(seL4_X86_PageDirectoryObject, seL4_X86_Default_VMAttributes), pml4, code_va, seL4_X86_Default_VMAttributes),
                  seL4_NoError);
    KEEL_CHECK_EQ(seL4_X86_PageTable_Map(alloc_object(seL4_X86_PageTableObject, seL4_X86_Default_VMAttributes), pml4, code_va, seL4_X86_Default_VMAttributes), seL4_NoError);
    // One frame holds the code and a word the code writes; the root task sees it through a copy.
    seL4_CPtr frame = alloc_object(seL4_X86_4K, 0), view = alloc_slot();
    KEEL_CHECK_EQ(seL4_CNode_Copy(root, view, 64, root, frame, 64, seL4_AllRights), seL4_NoError);
    seL4_Word va = fresh_region();
    KEEL_CHECK_EQ(seL4_X86_Page_Map(view, vspace, va, seL4_ReadWrite, seL4_X86_Default_VMAttributes), seL4_NoError);
    // It yields for good once it has written: a thread that spins would keep the processor from the
    // root task at its priority unless time slices ran out (not so with MCS until budgets are enforced).
    const unsigned char code[] = {
        0x48, 0xb8, 0xef, 0xbe, 0xad, 0xde, 0, 0, 0, 0,   // movabs $0xdeadbeef, %rax
        0x48, 0xa3, 0x00, 0x08, 0x00, 0x01, 0, 0, 0, 0,   // movabs %rax, 0x1000800
        0x48, 0xc7, 0xc2, 0, 0, 0, 0,                     // mov $seL4_SysYield, %rdx
        0x0f, 0x05,                                       // syscall
        0xeb, 0xf5};                                      // jmp to the mov
    auto* bytes = reinterpret_cast<volatile unsigned char*>(va);
    write_code(bytes, code, sizeof(code));
    write_imm32(bytes + 23, seL4_SysYield);
    KEEL_CHECK_EQ(seL4_X86_Page_Map(frame, pml4, code_va, seL4_ReadWrite, seL4_X86_Default_VMAttributes), seL4_NoError);
    seL4_CPtr t = alloc_object(seL4_TCBObject, 0);
    KEEL_CHECK_EQ(keel_configure_thread(t, 0, pml4, 0, 0, 10), seL4_NoError);
    seL4_UserContext regs = {};
    regs.rip = code_va;
    KEEL_CHECK_EQ(seL4_TCB_WriteRegisters(t, 1, 0, 20, &regs), seL4_NoError);
    KEEL_CHECK_EQ(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 10), seL4_NoError);
    for (int i = 0; i < 1000 && *reinterpret_cast<volatile seL4_Word*>(va + 0x800) == 0; i++) seL4_Yield();
    KEEL_CHECK_EQ(*reinterpret_cast<volatile seL4_Word*>(va + 0x800), 0xdeadbeef);
    KEEL_CHECK_EQ(seL4_TCB_Suspend(t), seL4_NoError);
}

KEEL_TEST(VSPACE0006, "ASIDControl_MakePool takes a 4 KiB untyped with no children, while pools are left") {
    seL4_CPtr big = alloc_untyped(13);
    KEEL_CHECK_EQ(seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, big, root, alloc_slot(), 64), seL4_InvalidCapability);
    KEEL_CHECK_EQ(seL4_GetMR(0), 1);
    seL4_CPtr ut = alloc_untyped(12);
    seL4_CPtr pool = alloc_slot();
    KEEL_CHECK_EQ(seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, ut, root, pool, 64), seL4_NoError);
    KEEL_CHECK_EQ(cap_type(pool), tag_asid_pool);
    seL4_CPtr pml4 = alloc_object(seL4_X64_PML4Object, 0);
    KEEL_CHECK_EQ(seL4_X86_ASIDPool_Assign(pool, pml4), seL4_NoError);
    KEEL_CHECK_EQ(seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, ut, root, alloc_slot(), 64), seL4_RevokeFirst);
    seL4_CPtr pools[8] = {pool};
    int made = 1;
    for (; made < 8; made++) {
        pools[made] = alloc_slot();
        if (seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, alloc_untyped(12), root, pools[made], 64) != seL4_NoError) break;
    }
    KEEL_CHECK_EQ(made, 7);  // pool 0 is the initial one: seven more fit in eight
    KEEL_CHECK_EQ(seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, alloc_untyped(12), root, alloc_slot(), 64),
                  seL4_DeleteFirst);
    // Deleting a pool frees its place in the ASID table.
    for (int i = 0; i < made; i++) KEEL_CHECK_EQ(seL4_CNode_Delete(root, pools[i], 64), seL4_NoError);
    seL4_CPtr again = alloc_slot();
    KEEL_CHECK_EQ(seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, alloc_untyped(12), root, again, 64), seL4_NoError);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, again, 64), seL4_NoError);
}

KEEL_TEST(FRAME0001, "a 2 MiB frame maps into a page directory entry; a table cannot go where it is") {
    seL4_Word va = next_area;  // 2 MiB aligned, no page table below it yet
    next_area += 1ul << 21;
    seL4_CPtr large = alloc_object(seL4_X86_LargePageObject, 0);
    KEEL_CHECK_EQ(seL4_X86_Page_Map(large, vspace, va + 4096, seL4_ReadWrite, seL4_X86_Default_VMAttributes),
                  seL4_AlignmentError);
    KEEL_CHECK_EQ(seL4_X86_Page_Map(large, vspace, va, seL4_ReadWrite, seL4_X86_Default_VMAttributes), seL4_NoError);
    auto* p = reinterpret_cast<volatile seL4_Word*>(va);
    p[0] = 7;
    p[(1ul << 21) / 8 - 1] = 9;
    KEEL_CHECK_EQ(p[0] + p[(1ul << 21) / 8 - 1], 16);
    KEEL_CHECK_EQ(seL4_X86_Page_GetAddress(large).paddr & ((1ul << 21) - 1), 0);
    seL4_CPtr pt = alloc_object(seL4_X86_PageTableObject, 0);
    KEEL_CHECK_EQ(seL4_X86_PageTable_Map(pt, vspace, va, seL4_X86_Default_VMAttributes), seL4_DeleteFirst);
    KEEL_CHECK_EQ(seL4_X86_Page_Unmap(large), seL4_NoError);
    KEEL_CHECK_EQ(seL4_X86_PageTable_Map(pt, vspace, va, seL4_X86_Default_VMAttributes), seL4_NoError);
}

KEEL_TEST(FRAME0002, "a 1 GiB frame from device memory maps into a PDPT entry; GetAddress gives its physical address") {
    seL4_Word device_paddr = 0;
    seL4_CPtr device = device_untyped_above_4g(30, device_paddr);
    KEEL_CHECK(device != 0);
    seL4_CPtr huge = alloc_slot();
    KEEL_CHECK_EQ(seL4_Untyped_Retype(device, seL4_X64_HugePageObject, 0, root, 0, 0, huge, 1), seL4_NoError);
    constexpr seL4_Word va = 0x4000000000;  // 256 GiB: a PDPT entry of the root task's first PDPT
    KEEL_CHECK_EQ(seL4_X86_Page_Map(huge, vspace, va + (1ul << 21), seL4_ReadWrite, seL4_X86_Default_VMAttributes),
                  seL4_AlignmentError);
    KEEL_CHECK_EQ(seL4_X86_Page_Map(huge, vspace, va, seL4_ReadWrite, seL4_X86_Default_VMAttributes), seL4_NoError);
    KEEL_CHECK_EQ(seL4_X86_Page_GetAddress(huge).paddr, device_paddr);
    KEEL_CHECK_EQ(seL4_X86_Page_Unmap(huge), seL4_NoError);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, huge, 64), seL4_NoError);
}

namespace {
struct HugeFromRam {
    unsigned candidates;  // BootInfo's RAM untypeds of 1 GiB or more
    bool made;
};

// A 1 GiB frame in `slot` from one of BootInfo's RAM untypeds of 1 GiB or more, the highest first
// (on q35 with 6 GiB, the one above 4 GiB).
HugeFromRam retype_huge_from_ram(seL4_CPtr slot) {
    seL4_BootInfo* bi = keel_bootinfo();
    HugeFromRam r{0, false};
    for (seL4_CPtr s = bi->untyped.end; s-- > bi->untyped.start && !r.made;) {
        const seL4_UntypedDesc& d = bi->untypedList[s - bi->untyped.start];
        if (d.isDevice || d.sizeBits < 30) continue;
        r.candidates++;
        r.made = seL4_Untyped_Retype(s, seL4_X64_HugePageObject, 0, root, 0, 0, slot, 1) == seL4_NoError;
    }
    return r;
}
}  // namespace

KEEL_TEST(FRAME0004, "a 1 GiB frame from RAM maps into a PDPT entry, holds what is written anywhere in it, and is unmapped when its cap is deleted") {
    seL4_CPtr huge = alloc_slot();
    HugeFromRam r = retype_huge_from_ram(huge);
    if (r.candidates == 0) return keel_test_skip("no RAM untyped of 1 GiB or more: the machine has too little RAM");
    KEEL_CHECK(r.made);
    if (!r.made) return;
    seL4_Word paddr = seL4_X86_Page_GetAddress(huge).paddr;
    KEEL_CHECK_EQ(paddr & ((1ul << 30) - 1), 0);
    KEEL_CHECK(boot_untyped_covering(paddr, false) != 0);
    KEEL_CHECK(boot_untyped_covering(paddr + (1ul << 30) - 1, false) != 0);
    constexpr seL4_Word va = 0x4080000000;  // 258 GiB: a PDPT entry of the root task's first PDPT
    KEEL_CHECK_EQ(seL4_X86_Page_Map(huge, vspace, va, seL4_ReadWrite, seL4_X86_Default_VMAttributes), seL4_NoError);
    auto* p = reinterpret_cast<volatile seL4_Word*>(va);
    constexpr seL4_Word words = (1ul << 30) / 8, at[] = {0, 1, (1ul << 21) / 8 + 3, words / 2, words - 1};
    for (seL4_Word i : at) KEEL_CHECK_EQ(p[i], 0);  // new frames are zeroed
    for (seL4_Word i : at) p[i] = 0x600d0000 + i;
    for (seL4_Word i : at) KEEL_CHECK_EQ(p[i], 0x600d0000 + i);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, huge, 64), seL4_NoError);  // deleting the cap unmaps
    KEEL_CHECK_EQ(touch_and_catch(va), seL4_Fault_VMFault);
    KEEL_CHECK_EQ(touch_and_catch(va + (1ul << 30) - 8), seL4_Fault_VMFault);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_VMFault_Addr), va + (1ul << 30) - 8);
}

KEEL_TEST(FRAME0003, "deleting a page table's cap, or revoking its untyped, takes it out of its page directory") {
    seL4_Word va = next_area;
    next_area += 1ul << 21;
    seL4_CPtr pt = alloc_object(seL4_X86_PageTableObject, 0);
    KEEL_CHECK_EQ(seL4_X86_PageTable_Map(pt, vspace, va, seL4_X86_Default_VMAttributes), seL4_NoError);
    seL4_CPtr frame = alloc_object(seL4_X86_4K, 0);
    KEEL_CHECK_EQ(seL4_X86_Page_Map(frame, vspace, va, seL4_ReadWrite, seL4_X86_Default_VMAttributes), seL4_NoError);
    seL4_CPtr second = alloc_object(seL4_X86_PageTableObject, 0);
    KEEL_CHECK_EQ(seL4_X86_PageTable_Map(second, vspace, va, seL4_X86_Default_VMAttributes), seL4_DeleteFirst);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, pt, 64), seL4_NoError);
    KEEL_CHECK_EQ(seL4_X86_PageTable_Map(second, vspace, va, seL4_X86_Default_VMAttributes), seL4_NoError);
    // The frame was mapped through the deleted table; it maps again under the new one.
    KEEL_CHECK_EQ(seL4_X86_Page_Unmap(frame), seL4_NoError);
    KEEL_CHECK_EQ(seL4_X86_Page_Map(frame, vspace, va, seL4_ReadWrite, seL4_X86_Default_VMAttributes), seL4_NoError);
    *reinterpret_cast<volatile seL4_Word*>(va) = 0x600d;
    KEEL_CHECK_EQ(*reinterpret_cast<volatile seL4_Word*>(va), 0x600d);
    // A table retyped from an untyped goes when the untyped is revoked.
    seL4_CPtr ut = alloc_untyped(12);
    seL4_CPtr third = alloc_slot();
    KEEL_CHECK_EQ(seL4_Untyped_Retype(ut, seL4_X86_PageTableObject, 0, root, 0, 0, third, 1), seL4_NoError);
    seL4_Word va2 = next_area;
    next_area += 1ul << 21;
    KEEL_CHECK_EQ(seL4_X86_PageTable_Map(third, vspace, va2, seL4_X86_Default_VMAttributes), seL4_NoError);
    KEEL_CHECK_EQ(seL4_CNode_Revoke(root, ut, 64), seL4_NoError);
    KEEL_CHECK_EQ(seL4_DebugCapIdentify(third), 0);
    seL4_CPtr fourth = alloc_object(seL4_X86_PageTableObject, 0);
    KEEL_CHECK_EQ(seL4_X86_PageTable_Map(fourth, vspace, va2, seL4_X86_Default_VMAttributes), seL4_NoError);
}

KEEL_TEST(VSPACE0007, "a 2 MiB frame cannot replace a page table, nor a 1 GiB frame a page directory (DeleteFirst)") {
    seL4_Word va = fresh_region();  // 2 MiB aligned, a page table behind it
    seL4_CPtr small = alloc_object(seL4_X86_4K, 0);
    KEEL_CHECK_EQ(seL4_X86_Page_Map(small, vspace, va, seL4_ReadWrite, seL4_X86_Default_VMAttributes), seL4_NoError);
    *reinterpret_cast<volatile seL4_Word*>(va) = 42;
    seL4_CPtr large = alloc_object(seL4_X86_LargePageObject, 0);
    KEEL_CHECK_EQ(seL4_X86_Page_Map(large, vspace, va, seL4_ReadWrite, seL4_X86_Default_VMAttributes), seL4_DeleteFirst);
    KEEL_CHECK_EQ(seL4_X86_Page_GetAddress(large).error, seL4_NoError);
    KEEL_CHECK_EQ(*reinterpret_cast<volatile seL4_Word*>(va), 42);  // still the small frame
    // Unmapping the small frame finds its entry: the address no longer reaches it.
    KEEL_CHECK_EQ(seL4_X86_Page_Unmap(small), seL4_NoError);
    KEEL_CHECK_EQ(touch_and_catch(va), seL4_Fault_VMFault);
    // The PDPT entry for the root task's first GiB holds the directory its image is mapped with.
    seL4_Word device_paddr = 0;
    seL4_CPtr device = device_untyped_above_4g(30, device_paddr);
    KEEL_CHECK(device != 0);
    seL4_CPtr huge = alloc_slot();
    KEEL_CHECK_EQ(seL4_Untyped_Retype(device, seL4_X64_HugePageObject, 0, root, 0, 0, huge, 1), seL4_NoError);
    KEEL_CHECK_EQ(seL4_X86_Page_Map(huge, vspace, 0, seL4_ReadWrite, seL4_X86_Default_VMAttributes), seL4_DeleteFirst);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, huge, 64), seL4_NoError);
}

KEEL_TEST(VSPACE0008, "Map checks the address against USER_TOP before alignment, as seL4: just below the top is an AlignmentError") {
    seL4_CPtr frame = alloc_object(seL4_X86_4K, 0);
    KEEL_CHECK_EQ(seL4_X86_Page_Map(frame, vspace, 0x7fffffffe008, seL4_ReadWrite, seL4_X86_Default_VMAttributes),
                  seL4_AlignmentError);
    KEEL_CHECK_EQ(seL4_X86_Page_Map(frame, vspace, 0x7ffffffff000, seL4_ReadWrite, seL4_X86_Default_VMAttributes),
                  seL4_InvalidArgument);
    KEEL_CHECK_EQ(seL4_X86_Page_Map(frame, vspace, ~0ul & ~0xffful, seL4_ReadWrite, seL4_X86_Default_VMAttributes),
                  seL4_InvalidArgument);  // vaddr + 4 KiB wraps to 0: the address itself is checked too
    seL4_CPtr large = alloc_object(seL4_X86_LargePageObject, 0);
    KEEL_CHECK_EQ(seL4_X86_Page_Map(large, vspace, 0x7fffffc01000, seL4_ReadWrite, seL4_X86_Default_VMAttributes),
                  seL4_AlignmentError);
    KEEL_CHECK_EQ(seL4_X86_Page_Map(large, vspace, 0x7fffffe01000, seL4_ReadWrite, seL4_X86_Default_VMAttributes),
                  seL4_InvalidArgument);  // 2 MiB from there passes the top
}

namespace {
// Runs `label` on `cap` with seL4_Send (no reply expected) and reports whether the registers a
// reply would use (badge, message info, message registers 0-3) came back as they went.
bool send_leaves_registers(seL4_CPtr cap, seL4_Word label, seL4_Word arg0) {
    register seL4_Word r10 asm("r10") = arg0;
    register seL4_Word r8 asm("r8") = 0x8888;
    register seL4_Word r9 asm("r9") = 0x9999;
    register seL4_Word r15 asm("r15") = 0xf15f;
    seL4_Word rdi = cap, rsi = seL4_MessageInfo_new(label, 0, 0, 2).words[0], rdx = seL4_SysSend;
    const seL4_Word sent_rsi = rsi;
    asm volatile("mov %%rsp, %%rbx\n\tsyscall\n\tmov %%rbx, %%rsp"
                 : "+D"(rdi), "+S"(rsi), "+d"(rdx), "+r"(r10), "+r"(r8), "+r"(r9), "+r"(r15)
                 :
                 : "rbx", "rcx", "r11", "memory");
    return rdi == cap && rsi == sent_rsi && r10 == arg0 && r8 == 0x8888 && r9 == 0x9999 && r15 == 0xf15f;
}
}  // namespace

KEEL_TEST(VSPACE0009, "GetAddress, IOPort In and SetFlags sent with seL4_Send reply nothing: the sender's registers stay") {
    seL4_CPtr frame = alloc_object(seL4_X86_4K, 0);
    KEEL_CHECK(send_leaves_registers(frame, X86PageGetAddress, 0x1010));
    seL4_CPtr port = alloc_slot();
    KEEL_CHECK_EQ(seL4_X86_IOPortControl_Issue(seL4_CapIOPortControl, 0x80, 0x80, root, port, 64), seL4_NoError);
    KEEL_CHECK(send_leaves_registers(port, X86IOPortIn8, 0x80));
    seL4_CPtr t = alloc_object(seL4_TCBObject, 0);
    KEEL_CHECK(send_leaves_registers(t, TCBSetFlags, 0));
    // The same invocations with Call do reply.
    KEEL_CHECK_EQ(seL4_X86_Page_GetAddress(frame).error, seL4_NoError);
    KEEL_CHECK(seL4_X86_Page_GetAddress(frame).paddr != 0x1010);
}

namespace {
// A thread of an address space of its own (code at `code_va`, with a counter at code_va + 0x800
// the root task sees at `view`): it counts, then waits on `ep` (registers only), and again.
struct CountingSpace {
    static constexpr seL4_Word code_va = 0x1000000;
    seL4_CPtr pool, pml4, frame, tcb, ep, fault_ep;
    seL4_Word view;
    volatile seL4_Word& counter() const { return *reinterpret_cast<volatile seL4_Word*>(view + 0x800); }
};

void write_counting_code(volatile unsigned char* at, seL4_CPtr ep) {
    const unsigned char code[] = {
        0x48, 0xff, 0x04, 0x25, 0x00, 0x08, 0x00, 0x01,     // incq 0x1000800
        0x48, 0xc7, 0xc7, 0, 0, 0, 0,                       // mov $ep, %rdi
        0x48, 0xc7, 0xc2, 0, 0, 0, 0,                       // mov $sys_wait, %rdx
        0x0f, 0x05,                                         // syscall
        0xeb, 0xe6};                                        // jmp to the start
    write_code(at, code, sizeof(code));
    write_imm32(at + 11, ep);
    write_imm32(at + 18, sys_wait);
}

// One paging object: from `untyped` when given (so that revoking it takes them all), else anywhere.
seL4_CPtr paging_object(seL4_Word type, seL4_CPtr untyped) {
    if (!untyped) return alloc_object(type, 0);
    seL4_CPtr slot = alloc_slot();
    return seL4_Untyped_Retype(untyped, type, 0, root, 0, 0, slot, 1) == seL4_NoError ? slot : 0;
}

CountingSpace make_counting_space(seL4_CPtr paging_untyped = 0) {
    CountingSpace s{};
    s.pool = alloc_slot();
    KEEL_CHECK_EQ(seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, alloc_untyped(12), root, s.pool, 64), seL4_NoError);
    s.pml4 = paging_object(seL4_X64_PML4Object, paging_untyped);
    KEEL_CHECK_EQ(seL4_X86_ASIDPool_Assign(s.pool, s.pml4), seL4_NoError);
    constexpr auto attr = seL4_X86_Default_VMAttributes;
    KEEL_CHECK_EQ(seL4_X86_PDPT_Map(paging_object(seL4_X86_PDPTObject, paging_untyped), s.pml4, s.code_va, attr), seL4_NoError);
    KEEL_CHECK_EQ(seL4_X86_PageDirectory_Map(paging_object(seL4_X86_PageDirectoryObject, paging_untyped), s.pml4,
                                             s.code_va, attr),
                  seL4_NoError);
    KEEL_CHECK_EQ(seL4_X86_PageTable_Map(paging_object(seL4_X86_PageTableObject, paging_untyped), s.pml4, s.code_va, attr),
                  seL4_NoError);
    s.frame = alloc_object(seL4_X86_4K, 0);
    seL4_CPtr copy = alloc_slot();
    KEEL_CHECK_EQ(seL4_CNode_Copy(root, copy, 64, root, s.frame, 64, seL4_AllRights), seL4_NoError);
    s.view = fresh_region();
    KEEL_CHECK_EQ(seL4_X86_Page_Map(copy, vspace, s.view, seL4_ReadWrite, seL4_X86_Default_VMAttributes), seL4_NoError);
    s.ep = alloc_object(seL4_EndpointObject, 0);
    s.fault_ep = alloc_object(seL4_EndpointObject, 0);
    write_counting_code(reinterpret_cast<volatile unsigned char*>(s.view), s.ep);
    KEEL_CHECK_EQ(seL4_X86_Page_Map(s.frame, s.pml4, s.code_va, seL4_ReadWrite, seL4_X86_Default_VMAttributes), seL4_NoError);
    return s;
}

// A thread of `space` at priority 150 (above the root task, at 100) that starts at its code.
seL4_CPtr start_counting_thread(const CountingSpace& s) {
    seL4_CPtr t = alloc_object(seL4_TCBObject, 0);
    KEEL_CHECK_EQ(keel_configure_thread(t, s.fault_ep, s.pml4, 0, 0, 150), seL4_NoError);
    seL4_UserContext regs = {};
    regs.rip = s.code_va;
    KEEL_CHECK_EQ(seL4_TCB_WriteRegisters(t, 1, 0, 20, &regs), seL4_NoError);
    return t;
}

// The VM fault a thread took at `ip` fetching its next instruction, now waiting on `fault_ep`.
void expect_fetch_fault(seL4_CPtr fault_ep, seL4_Word ip) {
    seL4_Word badge = 0;
    seL4_MessageInfo_t info = keel_nb_recv(fault_ep, &badge);
    KEEL_CHECK_EQ(seL4_MessageInfo_get_label(info), seL4_Fault_VMFault);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_VMFault_IP), ip);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_VMFault_Addr), ip);
    KEEL_CHECK_EQ(seL4_GetMR(seL4_VMFault_PrefetchFault), 1);
}
}  // namespace

KEEL_TEST(VSPACE0010, "once its ASID pool is deleted, no thread runs in an address space: it faults, and its frames are out of reach") {
    seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 100);
    CountingSpace s = make_counting_space();
    seL4_CPtr t = start_counting_thread(s);  // counts to 1 and waits
    KEEL_CHECK_EQ(s.counter(), 1);
    seL4_Send(s.ep, seL4_MessageInfo_new(0, 0, 0, 0));
    KEEL_CHECK_EQ(s.counter(), 2);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, s.pool, 64), seL4_NoError);
    // Woken, the thread (its address space cached from before) returns to no mappings at all.
    seL4_Send(s.ep, seL4_MessageInfo_new(0, 0, 0, 0));
    KEEL_CHECK_EQ(s.counter(), 2);
    expect_fetch_fault(s.fault_ep, s.code_va + 24);
    // A thread set up on it now runs on the kernel's address space: it faults at its first instruction.
    seL4_CPtr t2 = start_counting_thread(s);
    KEEL_CHECK_EQ(s.counter(), 2);
    expect_fetch_fault(s.fault_ep, s.code_va);
    // The address space takes no new mappings; unmapping from it is harmless.
    seL4_CPtr other = alloc_object(seL4_X86_4K, 0);
    KEEL_CHECK_EQ(seL4_X86_Page_Map(other, s.pml4, s.code_va + 0x1000, seL4_ReadWrite, seL4_X86_Default_VMAttributes),
                  seL4_FailedLookup);
    KEEL_CHECK_EQ(seL4_X86_Page_Unmap(s.frame), seL4_NoError);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, s.frame, 64), seL4_NoError);
    seL4_TCB_Suspend(t);
    seL4_TCB_Suspend(t2);
}

KEEL_TEST(VSPACE0011, "a 2 MiB frame mapped write-combining (PAT, bit 12 of its entry) is unmapped when its cap goes") {
    seL4_Word va = next_area;  // 2 MiB aligned, no page table below it
    next_area += 1ul << 21;
    seL4_CPtr large = alloc_object(seL4_X86_LargePageObject, 0);
    KEEL_CHECK_EQ(seL4_X86_Page_Map(large, vspace, va, seL4_ReadWrite, seL4_X86_WriteCombining), seL4_NoError);
    *reinterpret_cast<volatile seL4_Word*>(va) = 5;
    KEEL_CHECK_EQ(*reinterpret_cast<volatile seL4_Word*>(va), 5);
    KEEL_CHECK_EQ(seL4_X86_Page_Unmap(large), seL4_NoError);
    KEEL_CHECK_EQ(touch_and_catch(va), seL4_Fault_VMFault);
    KEEL_CHECK_EQ(seL4_X86_Page_Map(large, vspace, va, seL4_ReadWrite, seL4_X86_WriteCombining), seL4_NoError);
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, large, 64), seL4_NoError);
    KEEL_CHECK_EQ(touch_and_catch(va + 8), seL4_Fault_VMFault);
    // A 4 KiB frame keeps PAT in bit 7, outside the address.
    seL4_Word small_va = fresh_region();
    seL4_CPtr small = alloc_object(seL4_X86_4K, 0);
    KEEL_CHECK_EQ(seL4_X86_Page_Map(small, vspace, small_va, seL4_ReadWrite, seL4_X86_WriteCombining), seL4_NoError);
    *reinterpret_cast<volatile seL4_Word*>(small_va) = 6;
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, small, 64), seL4_NoError);
    KEEL_CHECK_EQ(touch_and_catch(small_va), seL4_Fault_VMFault);
}

KEEL_TEST(VSPACE0012, "a mapped image frame cap moved out of the root CNode keeps its mapping (and DebugHalt's check finds its cap)") {
    seL4_BootInfo* bi = keel_bootinfo();
    seL4_CPtr image_frame = bi->userImageFrames.start;  // maps the first page of this program
    seL4_CPtr cnode = alloc_object(seL4_CapTableObject, 4);
    KEEL_CHECK(cnode != 0);
    KEEL_CHECK_EQ(seL4_CNode_Move(cnode, 3, 4, root, image_frame, 64), seL4_NoError);
    KEEL_CHECK_EQ(cap_type(image_frame), tag_null);
    // Still mapped: this test's own code and data go on working, and the cap moves back and forth.
    KEEL_CHECK_EQ(seL4_CNode_Move(root, image_frame, 64, cnode, 3, 4), seL4_NoError);
    KEEL_CHECK_EQ(cap_type(image_frame), tag_frame);
    KEEL_CHECK_EQ(seL4_CNode_Move(cnode, 3, 4, root, image_frame, 64), seL4_NoError);
}

KEEL_TEST(VSPACE0013, "a thread whose address space is revoked and its memory refilled with forged page tables runs on none of it") {
    seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 100);
    seL4_CPtr paging = alloc_untyped(14);  // the PML4 and its three tables, 16 KiB
    CountingSpace s = make_counting_space(paging);
    seL4_CPtr t = start_counting_thread(s);
    KEEL_CHECK_EQ(s.counter(), 1);
    KEEL_CHECK_EQ(seL4_CNode_Revoke(root, paging, 64), seL4_NoError);  // the thread's VTable cap goes too
    // The same memory as four frames, each filled with entries naming physical page 0 as a
    // user-writable table or page: what a stale root would walk.
    seL4_CPtr frames = alloc_slot();
    for (int i = 1; i < 4; i++) alloc_slot();
    KEEL_CHECK_EQ(seL4_Untyped_Retype(paging, seL4_X86_4K, 0, root, 0, 0, frames, 4), seL4_NoError);
    seL4_Word va = fresh_region();
    for (seL4_CPtr f = frames; f < frames + 4; f++) {
        seL4_Word at = va + (f - frames) * 4096;
        KEEL_CHECK_EQ(seL4_X86_Page_Map(f, vspace, at, seL4_ReadWrite, seL4_X86_Default_VMAttributes), seL4_NoError);
        for (int e = 0; e < 512; e++) reinterpret_cast<volatile seL4_Word*>(at)[e] = 0x67;
    }
    seL4_Send(s.ep, seL4_MessageInfo_new(0, 0, 0, 0));  // wakes it: on the kernel's root, it faults
    KEEL_CHECK_EQ(s.counter(), 1);
    expect_fetch_fault(s.fault_ep, s.code_va + 24);
    seL4_TCB_Suspend(t);
}

KEEL_TEST(VSPACE0014, "an image frame cap left in a CNode that deleting another CNode made unreachable keeps its mapping (DebugHalt's check finds it)") {
    seL4_CPtr outer = alloc_object(seL4_CapTableObject, 2), inner = alloc_object(seL4_CapTableObject, 2);
    seL4_CPtr image_frame = keel_bootinfo()->userImageFrames.start + 1;  // a boot cap: no chain leads to it
    KEEL_CHECK_EQ(cap_type(image_frame), tag_frame);
    KEEL_CHECK_EQ(seL4_CNode_Move(inner, 1, 2, root, image_frame, 64), seL4_NoError);
    KEEL_CHECK_EQ(seL4_CNode_Move(outer, 0, 2, root, inner, 64), seL4_NoError);
    // Deleting the outer CNode finds the inner one's last cap: the inner CNode is left a Zombie
    // in its own first slot, its other slots as they were (the seL4 manual's deletion rule), and
    // the image page stays mapped: this code goes on running.
    KEEL_CHECK_EQ(seL4_CNode_Delete(root, outer, 64), seL4_NoError);
    KEEL_CHECK_EQ(cap_type(inner), tag_null);
}
