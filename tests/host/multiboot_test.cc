// Multiboot 1 and 2 information parsing, over a simulated physical memory.
#include <gtest/gtest.h>
#include <cstring>
#include <initializer_list>
#include <vector>
#include "arch/multiboot.h"

namespace {

struct Phys {
    std::vector<uint8_t> mem = std::vector<uint8_t>(0x10000, 0);
    template <typename T>
    void put(word at, T v) { std::memcpy(&mem[at], &v, sizeof(T)); }
    void put_string(word at, const char* s) { std::memcpy(&mem[at], s, std::strlen(s) + 1); }
    boot::PhysView view() const { return {mem.data(), mem.size()}; }
};

// A Multiboot 1 structure at 0x1000: command line, two modules, a two-entry memory map.
Phys mb1_machine() {
    Phys p;
    p.put<uint32_t>(0x1000, (1u << 2) | (1u << 3) | (1u << 6));
    p.put<uint32_t>(0x1000 + 16, 0x2000);
    p.put_string(0x2000, "keel.img console_port=0x2f8");
    p.put<uint32_t>(0x1000 + 20, 2);
    p.put<uint32_t>(0x1000 + 24, 0x3000);
    p.put<uint32_t>(0x3000, 0x200000);
    p.put<uint32_t>(0x3004, 0x234000);
    p.put<uint32_t>(0x3010, 0x240000);
    p.put<uint32_t>(0x3014, 0x241000);
    p.put<uint32_t>(0x1000 + 44, 48);
    p.put<uint32_t>(0x1000 + 48, 0x4000);
    for (int i = 0; i < 2; i++) {
        word e = 0x4000 + i * 24;
        p.put<uint32_t>(e, 20);
        p.put<uint64_t>(e + 4, i ? 0x100000 : 0);
        p.put<uint64_t>(e + 12, i ? 0x1ff00000 : 0x9fc00);
        p.put<uint32_t>(e + 20, 1);
    }
    return p;
}

}  // namespace

TEST(Multiboot1, ReadsCommandLineModulesAndMemoryMap) {
    Phys p = mb1_machine();
    boot::BootParams out;
    ASSERT_EQ(boot::parse_multiboot(boot::multiboot1_loader_magic, 0x1000, p.view(), out), boot::MultibootError::None);
    EXPECT_STREQ(out.cmdline, "keel.img console_port=0x2f8");
    ASSERT_EQ(out.num_modules, 2u);
    EXPECT_EQ(out.modules[0].start, 0x200000u);
    EXPECT_EQ(out.modules[0].end, 0x234000u);
    ASSERT_EQ(out.num_regions, 2u);
    EXPECT_EQ(out.regions[1].base, 0x100000u);
    EXPECT_EQ(out.regions[1].length, 0x1ff00000u);
}

TEST(Multiboot1, MemoryMapEntriesAboveFourGiBAreRead) {
    Phys p = mb1_machine();
    p.put<uint64_t>(0x4000 + 24 + 4, 0x100000000);  // the second entry: 4 GiB of RAM at 4 GiB
    p.put<uint64_t>(0x4000 + 24 + 12, 0x100000000);
    boot::BootParams out;
    ASSERT_EQ(boot::parse_multiboot(boot::multiboot1_loader_magic, 0x1000, p.view(), out), boot::MultibootError::None);
    ASSERT_EQ(out.num_regions, 2u);
    EXPECT_EQ(out.regions[1].base, 0x100000000u);
    EXPECT_EQ(out.regions[1].end(), 0x200000000u);
}

TEST(Multiboot1, RejectsMissingMapBadMagicAndWildPointers) {
    Phys p = mb1_machine();
    boot::BootParams out;
    EXPECT_EQ(boot::parse_multiboot(0x12345678, 0x1000, p.view(), out), boot::MultibootError::UnknownMagic);
    EXPECT_EQ(boot::parse_multiboot(boot::multiboot1_loader_magic, 0xfffffff0, p.view(), out),
              boot::MultibootError::NoInfo);
    Phys wild = mb1_machine();
    wild.put<uint32_t>(0x1000 + 24, 0xfffff000);  // module list far outside memory
    boot::BootParams out2;
    EXPECT_EQ(boot::parse_multiboot(boot::multiboot1_loader_magic, 0x1000, wild.view(), out2),
              boot::MultibootError::Malformed);
    Phys no_map = mb1_machine();
    no_map.put<uint32_t>(0x1000, 1u << 2);
    boot::BootParams out3;
    EXPECT_EQ(boot::parse_multiboot(boot::multiboot1_loader_magic, 0x1000, no_map.view(), out3),
              boot::MultibootError::NoMemoryMap);
}

TEST(Multiboot1, UnterminatedCommandLineIsIgnored) {
    Phys p = mb1_machine();
    std::memset(&p.mem[0x8000], 'x', 0x8000);
    p.put<uint32_t>(0x1000 + 16, 0x8000);
    boot::BootParams out;
    ASSERT_EQ(boot::parse_multiboot(boot::multiboot1_loader_magic, 0x1000, p.view(), out), boot::MultibootError::None);
    EXPECT_STREQ(out.cmdline, "");
}

namespace {
struct MapEntry {
    uint64_t base, length;
    uint32_t type;
};

// A Multiboot 2 memory-map tag at `t` with `entries` (by default 127 MiB of RAM from 1 MiB);
// returns the next tag's address.
word put_mb2_memory_map(Phys& p, word t, std::initializer_list<MapEntry> entries = {{0x100000, 0x7f00000, 1}}) {
    p.put<uint32_t>(t, 6);
    p.put<uint32_t>(t + 4, static_cast<uint32_t>(16 + 24 * entries.size()));
    p.put<uint32_t>(t + 8, 24);
    word e = t + 16;
    for (const MapEntry& m : entries) {
        p.put<uint64_t>(e, m.base);
        p.put<uint64_t>(e + 8, m.length);
        p.put<uint32_t>(e + 16, m.type);
        e += 24;
    }
    return round_up(e, 3);
}

// A Multiboot 2 structure at 0x1000 holding only a memory map of `entries`.
Phys mb2_machine_with_map(std::initializer_list<MapEntry> entries) {
    Phys p;
    word t = put_mb2_memory_map(p, 0x1008, entries);
    p.put<uint32_t>(t, 0);  // end
    p.put<uint32_t>(t + 4, 8);
    p.put<uint32_t>(0x1000, static_cast<uint32_t>(t + 8 - 0x1000));
    return p;
}
}  // namespace

TEST(Multiboot2, MemoryMapEntriesAboveFourGiBAreRead) {
    Phys p = mb2_machine_with_map({{0x100000, 0x7fee0000, 1}, {0x7ffe0000, 0x20000, 2}, {0x100000000, 0x100000000, 1},
                                   {0xfd00000000, 0x300000000, 2}});
    boot::BootParams out;
    ASSERT_EQ(boot::parse_multiboot(boot::multiboot2_loader_magic, 0x1000, p.view(), out), boot::MultibootError::None);
    ASSERT_EQ(out.num_regions, 4u);
    EXPECT_EQ(out.regions[2].base, 0x100000000u);
    EXPECT_EQ(out.regions[2].length, 0x100000000u);
    EXPECT_EQ(out.regions[2].type, 1u);
    EXPECT_EQ(out.regions[3].base, 0xfd00000000u);
    EXPECT_EQ(out.regions[3].end(), 0x10000000000u);
}

TEST(Multiboot2, ReadsTags) {
    Phys p;
    word t = 0x1008;
    p.put<uint32_t>(t, 1);  // command line
    p.put<uint32_t>(t + 4, 8 + 12);
    p.put_string(t + 8, "debug_port=1");
    t += 24;
    p.put<uint32_t>(t, 3);  // module
    p.put<uint32_t>(t + 4, 16 + 1);
    p.put<uint32_t>(t + 8, 0x300000);
    p.put<uint32_t>(t + 12, 0x310000);
    t += 24;
    t = put_mb2_memory_map(p, t);
    p.put<uint32_t>(t, 14);  // ACPI RSDP copy
    p.put<uint32_t>(t + 4, 8 + 20);
    t += 32;
    p.put<uint32_t>(t, 0);  // end
    p.put<uint32_t>(t + 4, 8);
    t += 8;
    p.put<uint32_t>(0x1000, static_cast<uint32_t>(t - 0x1000));
    boot::BootParams out;
    ASSERT_EQ(boot::parse_multiboot(boot::multiboot2_loader_magic, 0x1000, p.view(), out), boot::MultibootError::None);
    EXPECT_STREQ(out.cmdline, "debug_port=1");
    ASSERT_EQ(out.num_modules, 1u);
    EXPECT_EQ(out.modules[0].end, 0x310000u);
    ASSERT_EQ(out.num_regions, 1u);
    EXPECT_EQ(out.regions[0].length, 0x7f00000u);
    EXPECT_EQ(out.acpi_rsdp, 0x1008u + 24 + 24 + 40 + 8);
    EXPECT_EQ(out.acpi_rsdp_size, 20u);
}

TEST(Multiboot2, TheLastRsdpTagOfItsExactSizeWins) {
    Phys p;
    word t = 0x1008;
    p.put<uint32_t>(t, 15);  // an ACPI 2.0 copy, ignored: the later ACPI 1.0 tag replaces it
    p.put<uint32_t>(t + 4, 8 + 36);
    t += 48;
    p.put<uint32_t>(t, 14);  // ACPI 1.0
    p.put<uint32_t>(t + 4, 8 + 20);
    word v1 = t + 8;
    t += 32;
    p.put<uint32_t>(t, 15);  // ACPI 2.0 of the wrong size: ignored
    p.put<uint32_t>(t + 4, 8 + 20);
    t += 32;
    t = put_mb2_memory_map(p, t);  // every boot needs one
    p.put<uint32_t>(t, 0);
    p.put<uint32_t>(t + 4, 8);
    t += 8;
    p.put<uint32_t>(0x1000, static_cast<uint32_t>(t - 0x1000));
    boot::BootParams out;
    ASSERT_EQ(boot::parse_multiboot(boot::multiboot2_loader_magic, 0x1000, p.view(), out), boot::MultibootError::None);
    EXPECT_EQ(out.acpi_rsdp, v1);
    EXPECT_EQ(out.acpi_rsdp_size, 20u);
}

TEST(Multiboot2, RejectsTagsThatOverrunTheStructure) {
    Phys p;
    p.put<uint32_t>(0x1000, 32);
    p.put<uint32_t>(0x1008, 6);
    p.put<uint32_t>(0x100c, 4096);  // claims to run far past total_size
    boot::BootParams out;
    EXPECT_EQ(boot::parse_multiboot(boot::multiboot2_loader_magic, 0x1000, p.view(), out),
              boot::MultibootError::Malformed);
    Phys zero_size;
    zero_size.put<uint32_t>(0x1000, 32);
    zero_size.put<uint32_t>(0x1008, 3);
    zero_size.put<uint32_t>(0x100c, 0);  // would loop forever if accepted
    boot::BootParams out2;
    EXPECT_EQ(boot::parse_multiboot(boot::multiboot2_loader_magic, 0x1000, zero_size.view(), out2),
              boot::MultibootError::Malformed);
}
