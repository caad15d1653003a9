// The x86 extra BootInfo chunks and the search for the ACPI RSDP.
#include <gtest/gtest.h>
#include <cstring>
#include <vector>
#include <sel4/sel4.h>
#include "arch/extra_bootinfo.h"

namespace {
// Chunks sit at arbitrary byte offsets, so read them by copy, as user code must.
template <typename T>
T read_at(const std::vector<uint8_t>& bytes, size_t offset) {
    T value;
    std::memcpy(&value, bytes.data() + offset, sizeof(T));
    return value;
}
}  // namespace

TEST(ExtraBootInfo, ChunksInSeL4sOrderAndLayout) {
    boot::BootParams params;
    params.add_region(0, 0x9fc00, 1);
    params.add_region(0x100000, 0x1ff00000, 1);
    params.add_region(0xfffc0000, 0x40000, 2);
    uint8_t rsdp[36] = {'R', 'S', 'D', ' ', 'P', 'T', 'R', ' '};
    rsdp[15] = 2;
    boot::ExtraBootInfo extra{rsdp, 2993};
    std::vector<uint8_t> out(boot::extra_bootinfo_size(extra), 0);
    ASSERT_EQ(out.size(), 16u + 36u + 1220u + 20u);
    boot::write_extra_bootinfo(out.data(), params, extra);
    auto h = read_at<seL4_BootInfoHeader>(out, 0);
    EXPECT_EQ(h.id, SEL4_BOOTINFO_HEADER_X86_ACPI_RSDP);
    EXPECT_EQ(h.len, 52u);
    EXPECT_EQ(std::memcmp(out.data() + 16, "RSD PTR ", 8), 0);
    auto mmap = read_at<seL4_X86_BootInfo_mmap_t>(out, 52);
    auto* mm = &mmap;
    EXPECT_EQ(mm->header.id, SEL4_BOOTINFO_HEADER_X86_MBMMAP);
    EXPECT_EQ(mm->header.len, 1220u);
    EXPECT_EQ(mm->mmap_length, 3u * 24u);
    EXPECT_EQ(mm->mmap[1].size, 20u);
    EXPECT_EQ(mm->mmap[1].base_addr, 0x100000u);
    EXPECT_EQ(mm->mmap[1].length, 0x1ff00000u);
    EXPECT_EQ(mm->mmap[2].type, 2u);
    EXPECT_EQ(mm->mmap[3].size, 0u);
    auto tsc = read_at<seL4_BootInfoHeader>(out, 52 + 1220);
    EXPECT_EQ(tsc.id, SEL4_BOOTINFO_HEADER_X86_TSC_FREQ);
    EXPECT_EQ(tsc.len, 20u);
    uint32_t mhz;
    std::memcpy(&mhz, out.data() + 52 + 1220 + 16, 4);
    EXPECT_EQ(mhz, 2993u);
}

TEST(ExtraBootInfo, NoRsdpNoChunkAndAnAcpi1RsdpIsCopiedWhole) {
    boot::BootParams params;
    EXPECT_EQ(boot::extra_bootinfo_size({nullptr, 1}), 1220u + 20u);
    uint8_t v1[36];
    std::memset(v1, 0xee, sizeof(v1));
    v1[15] = 0;
    std::vector<uint8_t> out(boot::extra_bootinfo_size({v1, 1}), 0);
    boot::write_extra_bootinfo(out.data(), params, {v1, 1});
    EXPECT_EQ(out[16 + 19], 0xee);
    EXPECT_EQ(out[16 + 35], 0xee) << "seL4 copies all of acpi_rsdp_t, whatever the revision";
    // A Multiboot 2 ACPI 1.0 tag holds 20 bytes: the rest of the chunk is zero.
    std::vector<uint8_t> tagged(out.size(), 0);
    boot::ExtraBootInfo from_tag{v1, 1, 20};
    boot::write_extra_bootinfo(tagged.data(), params, from_tag);
    EXPECT_EQ(tagged[16 + 19], 0xee);
    EXPECT_EQ(tagged[16 + 20], 0);
}

TEST(ExtraBootInfo, FindsTheRsdpOnlyWithItsSignatureOnA16ByteBoundaryAndAValidChecksum) {
    std::vector<uint8_t> mem(0x1000, 0);
    boot::PhysView phys{mem.data(), mem.size()};
    auto place = [&](size_t at, bool good) {
        std::memcpy(&mem[at], "RSD PTR ", 8);
        uint8_t sum = 0;
        for (int i = 0; i < 20; i++) sum = static_cast<uint8_t>(sum + mem[at + i]);
        mem[at + 8] = static_cast<uint8_t>(mem[at + 8] - sum + (good ? 0 : 1));
    };
    place(0x108, true);  // not on a 16-byte boundary
    place(0x200, false);
    EXPECT_EQ(boot::find_rsdp(phys, 0, mem.size()), 0u);
    place(0x300, true);
    EXPECT_EQ(boot::find_rsdp(phys, 0, mem.size()), 0x300u);
    EXPECT_EQ(boot::find_rsdp(phys, 0x800, 0x100000), 0u) << "stops at the end of memory";
}
