// BOOT: what the kernel hands the root task (BootInfo, IPC buffer, image layout).
#include "keel_test.h"

extern "C" char __executable_start[], __executable_end[];

namespace {
constexpr unsigned long page_size = 4096;

unsigned long image_end() { return ((unsigned long)__executable_end + page_size - 1) & ~(page_size - 1); }

int initialised_data = 0x5e14;
int zeroed_data;
}  // namespace

KEEL_TEST(BOOT0001, "BootInfo frame sits one page after the IPC buffer, which follows the image") {
    seL4_BootInfo* bi = keel_bootinfo();
    KEEL_CHECK_EQ(bi->ipcBuffer, image_end());
    KEEL_CHECK_EQ(bi, image_end() + page_size);
}

KEEL_TEST(BOOT0002, "BootInfo: single node, no IOMMU, root CNode of 2^CONFIG_ROOT_CNODE_SIZE_BITS slots, domain 0") {
    seL4_BootInfo* bi = keel_bootinfo();
    KEEL_CHECK_EQ(bi->nodeID, 0);
    KEEL_CHECK_EQ(bi->numNodes, 1);
    KEEL_CHECK_EQ(bi->numIOPTLevels, (seL4_Word)-1);  // no IOMMU: seL4 writes -1
    KEEL_CHECK_EQ(bi->initThreadCNodeSizeBits, CONFIG_ROOT_CNODE_SIZE_BITS);
    KEEL_CHECK_EQ(bi->initThreadDomain, 0);
}

KEEL_TEST(BOOT0003, "IPC buffer page is mapped, zeroed and writable") {
    // The first KiB is the root task's IPC buffer, in use by now; the rest of the page is not
    // used before the IPC tests (which run later: tests run in name order).
    auto* words = reinterpret_cast<volatile unsigned long*>(keel_bootinfo()->ipcBuffer);
    unsigned long nonzero = 0;
    for (unsigned i = 1024 / sizeof(unsigned long); i < page_size / sizeof(unsigned long); i++) nonzero += words[i] != 0;
    KEEL_CHECK_EQ(nonzero, 0);
    words[page_size / sizeof(unsigned long) - 1] = 0xfeedface;
    KEEL_CHECK_EQ(words[page_size / sizeof(unsigned long) - 1], 0xfeedface);
    words[page_size / sizeof(unsigned long) - 1] = 0;
}

KEEL_TEST(BOOT0004, "image segments loaded at their linked addresses: data initialised, bss zeroed") {
    KEEL_CHECK_EQ(initialised_data, 0x5e14);
    KEEL_CHECK_EQ(zeroed_data, 0);
    KEEL_CHECK_EQ((unsigned long)__executable_start, 0x400000);
}

KEEL_TEST(BOOT0005, "BootInfo slot regions are well formed (start <= end)") {
    seL4_BootInfo* bi = keel_bootinfo();
    const seL4_SlotRegion regions[] = {bi->empty, bi->sharedFrames, bi->userImageFrames, bi->userImagePaging,
                                       bi->ioSpaceCaps, bi->extraBIPages, bi->untyped};
    for (const seL4_SlotRegion& r : regions) KEEL_CHECK(r.start <= r.end);
}
