// VSPACE on riscv64 (Sv39): frames and page tables in the root task's address space.
#include <keel/arch.h>
#include <keel/process.h>
#include "cspace_helpers.h"

using namespace keel;

namespace {
// A 1 GiB region of the root task's address space no other test uses: no page table below its
// top-level entry until a test maps one.
constexpr seL4_Word free_gib = 0x2000000000;
}  // namespace

KEEL_TEST(VSPACE0015, "riscv64: a retyped frame mapped behind new page tables is memory; GetAddress names it") {
    seL4_CPtr frame = alloc_object(seL4_RISCV_4K_Page, 0);
    KEEL_CHECK(frame != 0);
    seL4_Word va = free_gib + 0x1000;
    KEEL_CHECK_EQ(keel_map_frame(frame, seL4_CapInitThreadVSpace, va, seL4_ReadWrite), 0);
    auto* p = reinterpret_cast<volatile seL4_Word*>(va);
    KEEL_CHECK_EQ(p[0], 0);  // a new frame is zeroed
    p[0] = 0x5eed;
    p[511] = 0xfeed;
    KEEL_CHECK_EQ(p[0] + p[511], 0x5eed + 0xfeed);
    seL4_RISCV_Page_GetAddress_t address = seL4_RISCV_Page_GetAddress(frame);
    KEEL_CHECK_EQ(address.error, seL4_NoError);
    KEEL_CHECK(address.paddr != 0);
    KEEL_CHECK_EQ(address.paddr & 0xfff, 0);
    KEEL_CHECK_EQ(seL4_RISCV_Page_Unmap(frame), seL4_NoError);
    KEEL_CHECK_EQ(keel_map_frame(frame, seL4_CapInitThreadVSpace, va + 0x1000, seL4_ReadWrite), 0);
    KEEL_CHECK_EQ(reinterpret_cast<volatile seL4_Word*>(va + 0x1000)[0], 0x5eed);  // the same memory
    KEEL_CHECK_EQ(seL4_RISCV_Page_Unmap(frame), seL4_NoError);
}

KEEL_TEST(VSPACE0016, "riscv64: mapping without the page tables below is a FailedLookup with the bits left (30, then 21)") {
    seL4_CPtr frame = alloc_object(seL4_RISCV_4K_Page, 0);
    seL4_Word va = free_gib + 0x40000000 + 0x1000;  // in the next GiB: no tables there either
    KEEL_CHECK_EQ(seL4_RISCV_Page_Map(frame, seL4_CapInitThreadVSpace, va, seL4_ReadWrite, seL4_RISCV_Default_VMAttributes),
                  seL4_FailedLookup);
    KEEL_CHECK_EQ(seL4_GetMR(0), 0);  // not the source
    KEEL_CHECK_EQ(seL4_GetMR(1), seL4_MissingCapability);
    KEEL_CHECK_EQ(seL4_GetMR(2), 30);
    seL4_CPtr middle = alloc_object(seL4_RISCV_PageTableObject, 0);
    KEEL_CHECK_EQ(seL4_RISCV_PageTable_Map(middle, seL4_CapInitThreadVSpace, va, seL4_RISCV_Default_VMAttributes),
                  seL4_NoError);
    KEEL_CHECK_EQ(seL4_RISCV_Page_Map(frame, seL4_CapInitThreadVSpace, va, seL4_ReadWrite, seL4_RISCV_Default_VMAttributes),
                  seL4_FailedLookup);
    KEEL_CHECK_EQ(seL4_GetMR(2), 21);
    seL4_CPtr last = alloc_object(seL4_RISCV_PageTableObject, 0);
    KEEL_CHECK_EQ(seL4_RISCV_PageTable_Map(last, seL4_CapInitThreadVSpace, va, seL4_RISCV_Default_VMAttributes),
                  seL4_NoError);
    KEEL_CHECK_EQ(seL4_RISCV_Page_Map(frame, seL4_CapInitThreadVSpace, va, seL4_ReadWrite, seL4_RISCV_Default_VMAttributes),
                  seL4_NoError);
    *reinterpret_cast<volatile seL4_Word*>(va) = 1;
    KEEL_CHECK_EQ(seL4_RISCV_Page_Unmap(frame), seL4_NoError);
}

namespace {
constexpr seL4_Word reuse_va = free_gib + 0x80000000;  // a third GiB, two pages of it
constexpr seL4_Word words_per_page = 4096 / sizeof(seL4_Word);

// Maps the frames `frames` and `frames` + 1 at reuse_va, counts their words that are not zero,
// writes `fill` into every word and unmaps them again.
seL4_Word nonzero_words_then_fill(seL4_CPtr frames, seL4_Word fill) {
    seL4_Word nonzero = 0;
    for (seL4_Word i = 0; i < 2; i++) {
        seL4_Word va = reuse_va + 4096 * i;
        if (keel_map_frame(frames + i, seL4_CapInitThreadVSpace, va, seL4_ReadWrite) != 0) return ~0ul;
        auto* w = reinterpret_cast<volatile seL4_Word*>(va);
        for (seL4_Word j = 0; j < words_per_page; j++) nonzero += w[j] != 0;
        for (seL4_Word j = 0; j < words_per_page; j++) w[j] = fill;
        seL4_RISCV_Page_Unmap(frames + i);
    }
    return nonzero;
}
}  // namespace

KEEL_TEST(RETYPE0013, "riscv64: a reset zeroes what the untyped's old frames held") {
    seL4_CPtr ut = alloc_untyped(13);
    seL4_CPtr frames = alloc_slot();
    alloc_slot();
    KEEL_CHECK_EQ(seL4_Untyped_Retype(ut, seL4_RISCV_4K_Page, 0, root, 0, 0, frames, 2), seL4_NoError);
    KEEL_CHECK_EQ(nonzero_words_then_fill(frames, 0xa5a5a5a5a5a5a5a5), 0);
    KEEL_CHECK_EQ(seL4_CNode_Revoke(root, ut, root_depth), seL4_NoError);
    KEEL_CHECK_EQ(seL4_Untyped_Retype(ut, seL4_RISCV_4K_Page, 0, root, 0, 0, frames, 2), seL4_NoError);
    KEEL_CHECK_EQ(nonzero_words_then_fill(frames, 0), 0);
}
