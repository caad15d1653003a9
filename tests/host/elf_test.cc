// Root-task ELF validation and loading.
#include <gtest/gtest.h>
#include "boot/elf.h"
#include "elf_builder.h"

namespace {
constexpr word user_top = 0x7ffffffff000;

boot::ElfError check(const std::vector<uint8_t>& file, boot::ElfLayout* layout = nullptr) {
    boot::ElfLayout l{};
    boot::ElfError e = boot::check_elf(Bytes(file.data(), file.size()), user_top, l);
    if (layout) *layout = l;
    return e;
}
}  // namespace

TEST(Elf, AcceptsAnImageAndRoundsItsEndToAPage) {
    auto file = build_elf64(0x400010, {{0x400000, {1, 2, 3}, 0x1800}, {0x402000, {4}, 0x10}});
    boot::ElfLayout l{};
    ASSERT_EQ(check(file, &l), boot::ElfError::None);
    EXPECT_EQ(l.start, 0x400000u);
    EXPECT_EQ(l.end, 0x403000u);
    EXPECT_EQ(l.entry, 0x400010u);
}

TEST(Elf, LoadCopiesSegmentsAndLeavesTheRestZero) {
    auto file = build_elf64(0x400000, {{0x400000, {1, 2, 3}, 0x10}, {0x401000, {9}, 0x10}});
    boot::ElfLayout l{};
    ASSERT_EQ(check(file, &l), boot::ElfError::None);
    std::vector<uint8_t> image(l.end - l.start, 0);
    boot::load_elf(Bytes(file.data(), file.size()), l, image.data());
    EXPECT_EQ(image[0], 1);
    EXPECT_EQ(image[2], 3);
    EXPECT_EQ(image[3], 0);
    EXPECT_EQ(image[0x1000], 9);
}

TEST(Elf, RejectsWhatIsNotAnX86_64Executable) {
    std::vector<uint8_t> text(100, 'a');
    EXPECT_EQ(check(text), boot::ElfError::NotElf);
    EXPECT_EQ(check({}), boot::ElfError::NotElf);
    auto elf32 = build_elf64(0x400000, {{0x400000, {1}, 1}});
    elf32[4] = 1;
    EXPECT_EQ(check(elf32), boot::ElfError::NotElf64);
    auto big_endian = build_elf64(0x400000, {{0x400000, {1}, 1}});
    big_endian[5] = 2;
    EXPECT_EQ(check(big_endian), boot::ElfError::NotLittleEndian);
    EXPECT_EQ(check(build_elf64(0x400000, {{0x400000, {1}, 1}}, 183)), boot::ElfError::WrongMachine);
    EXPECT_EQ(check(build_elf64(0x400000, {{0x400000, {1}, 1}}, 62, 3)), boot::ElfError::NotExecutable);
}

TEST(Elf, RejectsMalformedSegments) {
    EXPECT_EQ(check(build_elf64(0x400000, {})), boot::ElfError::NoSegments);
    EXPECT_EQ(check(build_elf64(0x400000, {{0x400000, {1, 2}, 1}})), boot::ElfError::FileSizeOverMemSize);
    EXPECT_EQ(check(build_elf64(0x400000, {{0x400000, {1}, 0x2000}, {0x401000, {1}, 0x10}})),
              boot::ElfError::SegmentsOverlap);
    EXPECT_EQ(check(build_elf64(0, {{0xfffffffffffff000, {1}, 0x2000}})), boot::ElfError::AddressOverflow);
    auto truncated = build_elf64(0x400000, {{0x400000, std::vector<uint8_t>(64, 1), 64}});
    truncated.resize(truncated.size() - 10);
    EXPECT_EQ(check(truncated), boot::ElfError::SegmentOutsideFile);
    auto headers_cut = build_elf64(0x400000, {{0x400000, {1}, 1}});
    headers_cut.resize(80);
    EXPECT_EQ(check(headers_cut), boot::ElfError::BadHeaders);
}

TEST(Elf, AppliesSeL4PlacementRules) {
    EXPECT_EQ(check(build_elf64(0x400100, {{0x400100, {1}, 1}})), boot::ElfError::StartUnaligned);
    EXPECT_EQ(check(build_elf64(0x500000, {{0x400000, {1}, 1}})), boot::ElfError::EntryOutside);
    EXPECT_EQ(check(build_elf64(user_top - 0x2000, {{user_top - 0x2000, {1}, 0x1000}})), boot::ElfError::EndTooHigh)
        << "the IPC buffer and BootInfo pages must still fit below seL4_UserTop";
    EXPECT_EQ(check(build_elf64(user_top - 0x3000, {{user_top - 0x3000, {1}, 0x1000}})), boot::ElfError::None);
    EXPECT_EQ(check(build_elf64(0xffff800000000000, {{0xffff800000000000, {1}, 0x1000}})),
              boot::ElfError::EndTooHigh);
}
