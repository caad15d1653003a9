// The device tree reader (kernel/lib/fdt): QEMU virt's own blob, hand-built blobs for what QEMU's
// does not hold, and malformed blobs, which must give an error and never a read outside the blob
// (ASan watches every read: each blob is a heap block of exactly its size).
#include <gtest/gtest.h>
#include <fstream>
#include <iterator>
#include "fdt_builder.h"
#include "lib/fdt_facts.h"

namespace {

using Blob = std::vector<uint8_t>;

// Dumped at build time from qemu-system-riscv64 -machine virt -m 256M (tests/CMakeLists.txt).
Blob qemu_virt_blob() {
    std::ifstream in(KEEL_VIRT_DTB, std::ios::binary);
    return Blob(std::istreambuf_iterator<char>(in), {});
}

fdt::Error read(const Blob& blob, fdt::Facts& facts) { return fdt::read_facts(Bytes(blob.data(), blob.size()), facts); }

fdt::Error read(const Blob& blob) {
    fdt::Facts facts;
    return read(blob, facts);
}

// A root with the usual cells, then `body`'s nodes.
template <typename Body>
Blob tree(Body body, uint32_t address_cells = 2, uint32_t size_cells = 2) {
    FdtBuilder b;
    b.begin("").cells("#address-cells", {address_cells}).cells("#size-cells", {size_cells});
    body(b);
    b.end();
    return b.build();
}

Blob with_chosen(std::initializer_list<std::pair<const char*, std::vector<uint32_t>>> props) {
    return tree([&](FdtBuilder& b) {
        b.begin("chosen");
        for (auto& [name, cells] : props) {
            std::vector<uint8_t> v;
            for (uint32_t c : cells) FdtBuilder::append_be32(v, c);
            b.prop(name, v);
        }
        b.end();
    });
}

}  // namespace

TEST(FdtQemuVirt, MemoryIsWhatMGave) {
    fdt::Facts f;
    ASSERT_EQ(read(qemu_virt_blob(), f), fdt::Error::None);
    ASSERT_EQ(f.memory_count, 1u);
    EXPECT_EQ(f.memory[0].base, 0x80000000u);
    EXPECT_EQ(f.memory[0].size, 256u << 20);
    EXPECT_EQ(f.reserved_count, 0u);  // OpenSBI adds its own reservation at boot, QEMU none
    EXPECT_FALSE(f.has_initrd);
}

// QEMU 7.2's virt board: a PLIC of 0x600000 bytes at 0xc000000 with 96 sources, a 10 MHz timebase.
TEST(FdtQemuVirt, PlicAndTimebase) {
    fdt::Facts f;
    ASSERT_EQ(read(qemu_virt_blob(), f), fdt::Error::None);
    ASSERT_TRUE(f.has_plic);
    EXPECT_EQ(f.plic.base, 0xc000000u);
    EXPECT_EQ(f.plic.size, 0x600000u);
    EXPECT_EQ(f.plic_sources, 96u);
    ASSERT_TRUE(f.has_clint);
    EXPECT_EQ(f.clint.base, 0x2000000u);
    EXPECT_EQ(f.clint.size, 0x10000u);
    EXPECT_EQ(f.timebase_frequency, 10000000u);
}

static void expect_region(const fdt::Region& r, uint64_t base, uint64_t size) {
    EXPECT_EQ(r.base, base);
    EXPECT_EQ(r.size, size);
}

// Dumped at build time from qemu-system-aarch64 -machine virt,gic-version=GIC -cpu cortex-a57 -m 512M.
Blob qemu_virt_arm_blob(int gic) {
    std::ifstream in(std::string(KEEL_VIRT_ARM_DTB_DIR) + "/qemu-virt-512m-gicv" + std::to_string(gic) + ".dtb",
                     std::ios::binary);
    return Blob(std::istreambuf_iterator<char>(in), {});
}

// QEMU 7.2's aarch64 virt board: RAM from 1 GiB, the PL011 at 0x9000000, PSCI through hvc, no
// RISC-V devices.
TEST(FdtQemuVirtArm, MemoryUartAndPsci) {
    fdt::Facts f;
    Blob blob = qemu_virt_arm_blob(2);  // psci_method points into it
    ASSERT_EQ(read(blob, f), fdt::Error::None);
    ASSERT_EQ(f.memory_count, 1u);
    expect_region(f.memory[0], 0x40000000u, 512u << 20);
    ASSERT_TRUE(f.has_pl011);
    expect_region(f.pl011, 0x9000000u, 0x1000u);
    ASSERT_TRUE(f.has_pl011_interrupt);  // SPI 1, level-high
    EXPECT_EQ(f.pl011_interrupt[0], 0u);
    EXPECT_EQ(f.pl011_interrupt[1], 1u);
    EXPECT_EQ(f.pl011_interrupt[2], 4u);
    ASSERT_NE(f.psci_method, nullptr);
    EXPECT_STREQ(f.psci_method, "hvc");
    EXPECT_FALSE(f.has_plic);
    EXPECT_FALSE(f.has_clint);
}

// The GICv2's distributor and CPU interface, the GICv3's distributor and redistributors.
TEST(FdtQemuVirtArm, GicV2AndV3) {
    fdt::Facts f;
    ASSERT_EQ(read(qemu_virt_arm_blob(2), f), fdt::Error::None);
    EXPECT_EQ(f.gic_version, 2u);
    expect_region(f.gic[0], 0x8000000u, 0x10000u);
    expect_region(f.gic[1], 0x8010000u, 0x10000u);
    ASSERT_EQ(read(qemu_virt_arm_blob(3), f), fdt::Error::None);
    EXPECT_EQ(f.gic_version, 3u);
    expect_region(f.gic[0], 0x8000000u, 0x10000u);
    expect_region(f.gic[1], 0x80a0000u, 0xf60000u);
}

// A GIC node needs both register ranges.
TEST(Fdt, GicNeedsTwoRegRanges) {
    Blob one = tree([](FdtBuilder& b) {
        b.begin("intc@8000000").string("compatible", "arm,gic-v3").cells("reg", {0, 0x8000000, 0, 0x10000}).end();
    });
    EXPECT_EQ(read(one), fdt::Error::BadValue);
}

// Every shorter totalsize: an error or a smaller tree, never a read past the end.
TEST(FdtQemuVirt, EveryTruncationIsSafe) {
    Blob full = qemu_virt_blob();
    uint32_t size;
    ASSERT_EQ(fdt::total_size(Bytes(full.data(), full.size()), size), fdt::Error::None);
    for (uint32_t n = 0; n < size; n++) {
        Blob cut(full.begin(), full.begin() + n);
        if (n >= fdt::header_size) FdtBuilder::set_header(cut, FdtBuilder::totalsize, n);
        EXPECT_NE(read(cut), fdt::Error::None) << "cut at " << n;
    }
}

// Every byte of the blob replaced by a few values: whatever the reader says, it stays inside.
TEST(FdtQemuVirt, EveryCorruptedByteIsSafe) {
    Blob full = qemu_virt_blob();
    uint32_t size;
    ASSERT_EQ(fdt::total_size(Bytes(full.data(), full.size()), size), fdt::Error::None);
    full.resize(size);
    for (uint32_t at = 0; at < size; at++) {
        for (uint8_t value : {0x00, 0x01, 0x7f, 0xff}) {
            Blob bad = full;
            bad[at] = value;
            read(bad);
        }
    }
}

TEST(Fdt, InitrdInOneOrTwoCells) {
    fdt::Facts f;
    ASSERT_EQ(read(with_chosen({{"linux,initrd-start", {0x88200000}}, {"linux,initrd-end", {0x88201000}}}), f),
              fdt::Error::None);
    EXPECT_TRUE(f.has_initrd);
    EXPECT_EQ(f.initrd_start, 0x88200000u);
    EXPECT_EQ(f.initrd_end, 0x88201000u);
    ASSERT_EQ(read(with_chosen({{"linux,initrd-start", {0x1, 0x00200000}}, {"linux,initrd-end", {0x1, 0x00300000}}}), f),
              fdt::Error::None);
    EXPECT_EQ(f.initrd_start, 0x100200000u);
    EXPECT_EQ(f.initrd_end, 0x100300000u);
}

TEST(Fdt, InitrdNeedsBothEndsInOrderAndOneOrTwoCells) {
    EXPECT_EQ(read(with_chosen({{"linux,initrd-start", {0x2000}}})), fdt::Error::BadValue);
    EXPECT_EQ(read(with_chosen({{"linux,initrd-end", {0x2000}}})), fdt::Error::BadValue);
    EXPECT_EQ(read(with_chosen({{"linux,initrd-start", {0x2000}}, {"linux,initrd-end", {0x1000}}})), fdt::Error::BadValue);
    EXPECT_EQ(read(with_chosen({{"linux,initrd-start", {0, 0, 1}}, {"linux,initrd-end", {2}}})), fdt::Error::BadValue);
    EXPECT_EQ(read(with_chosen({{"bootargs", {0}}})), fdt::Error::None);
}

TEST(Fdt, MemoryRegionsFollowTheRootCells) {
    Blob blob = tree([](FdtBuilder& b) {
        b.begin("memory@1000").string("device_type", "memory").cells("reg", {0x1000, 0x2000, 0x8000, 0x100}).end();
        b.begin("ram").string("device_type", "memory").cells("reg", {0x10000, 0x10}).end();  // by device_type alone
        b.begin("memory-controller").cells("reg", {1, 2}).end();                               // not a memory node
    }, 1, 1);
    fdt::Facts f;
    ASSERT_EQ(read(blob, f), fdt::Error::None);
    ASSERT_EQ(f.memory_count, 3u);
    EXPECT_EQ(f.memory[1].base, 0x8000u);
    EXPECT_EQ(f.memory[1].size, 0x100u);
    EXPECT_EQ(f.memory[2].base, 0x10000u);
}

TEST(Fdt, RootCellsDefaultToTwoAndOne) {
    FdtBuilder b;
    b.begin("").begin("memory@0").cells("reg", {0x1, 0x0, 0x4000}).end().end();
    fdt::Facts f;
    ASSERT_EQ(read(b.build(), f), fdt::Error::None);
    ASSERT_EQ(f.memory_count, 1u);
    EXPECT_EQ(f.memory[0].base, 0x100000000u);
    EXPECT_EQ(f.memory[0].size, 0x4000u);
}

TEST(Fdt, ReservationsFromTheBlockAndReservedMemory) {
    FdtBuilder b;
    b.reserve(0x80000000, 0x80000);
    b.begin("").cells("#address-cells", {2}).cells("#size-cells", {2});
    b.begin("reserved-memory").cells("#address-cells", {1}).cells("#size-cells", {1});
    b.begin("mmode_resv0@80000000").cells("reg", {0x80000000, 0x40000}).end();
    b.begin("pool").cells("size", {0x1000}).end();  // dynamic: no place of its own
    b.end().end();
    fdt::Facts f;
    ASSERT_EQ(read(b.build(), f), fdt::Error::None);
    ASSERT_EQ(f.reserved_count, 2u);
    EXPECT_EQ(f.reserved[0].size, 0x80000u);
    EXPECT_EQ(f.reserved[1].base, 0x80000000u);
    EXPECT_EQ(f.reserved[1].size, 0x40000u);
}

TEST(Fdt, FirstPlicByEitherCompatibleAndTimebaseInACpuNode) {
    Blob blob = tree([](FdtBuilder& b) {
        b.begin("cpus").begin("cpu@0").cells("timebase-frequency", {0x1, 0x0}).end().end();
        b.begin("soc").cells("#address-cells", {1}).cells("#size-cells", {1});
        b.begin("interrupt-controller@1000").prop("compatible", {'x', 0, 'r', 'i', 's', 'c', 'v', ',', 'p', 'l', 'i', 'c', '0', 0});
        b.cells("riscv,ndev", {31}).cells("reg", {0x1000, 0x400000}).end();
        b.begin("plic@2000").string("compatible", "sifive,plic-1.0.0").cells("reg", {0x2000, 0x10}).end();
        b.end();
    });
    fdt::Facts f;
    ASSERT_EQ(read(blob, f), fdt::Error::None);
    ASSERT_TRUE(f.has_plic);
    EXPECT_EQ(f.plic.base, 0x1000u);
    EXPECT_EQ(f.plic_sources, 31u);
    EXPECT_EQ(f.timebase_frequency, 0x100000000u);
}

TEST(Fdt, RejectsBadHeaders) {
    Blob good = tree([](FdtBuilder&) {});
    ASSERT_EQ(read(good), fdt::Error::None);
    EXPECT_EQ(read(Blob(good.begin(), good.begin() + 39)), fdt::Error::TooSmall);
    struct Case {
        FdtBuilder::HeaderWord word;
        uint32_t value;
        fdt::Error error;
    };
    uint32_t size = good.size();
    for (Case c : {Case{FdtBuilder::magic, 0xedfe0dd0, fdt::Error::BadMagic},
                   Case{FdtBuilder::totalsize, size + 1, fdt::Error::TooSmall},
                   Case{FdtBuilder::totalsize, 39, fdt::Error::TooSmall},
                   Case{FdtBuilder::version, 16, fdt::Error::BadVersion},
                   Case{FdtBuilder::last_comp_version, 18, fdt::Error::BadVersion},
                   Case{FdtBuilder::off_dt_struct, size, fdt::Error::BadLayout},
                   Case{FdtBuilder::off_dt_struct, 58, fdt::Error::BadLayout},  // misaligned
                   Case{FdtBuilder::size_dt_struct, 0xfffffff0, fdt::Error::BadLayout},
                   Case{FdtBuilder::off_dt_strings, 0xffffffff, fdt::Error::BadLayout},
                   Case{FdtBuilder::size_dt_strings, size, fdt::Error::BadLayout},
                   Case{FdtBuilder::off_mem_rsvmap, 44, fdt::Error::BadLayout},
                   Case{FdtBuilder::off_mem_rsvmap, size + 8, fdt::Error::BadLayout}}) {
        Blob bad = good;
        FdtBuilder::set_header(bad, c.word, c.value);
        EXPECT_EQ(read(bad), c.error) << "header word " << c.word << " = " << c.value;
    }
}

TEST(Fdt, ReservationBlockMustEndInsideTheBlob) {
    Blob blob = tree([](FdtBuilder&) {});
    FdtBuilder::set_header(blob, FdtBuilder::off_mem_rsvmap, blob.size() - 8);  // no room for an entry
    EXPECT_EQ(read(blob), fdt::Error::BadLayout);
}

TEST(Fdt, RejectsBadStructure) {
    auto check = [](FdtBuilder b, fdt::Error error, bool with_end = true) {
        EXPECT_EQ(read(b.build(with_end)), error);
    };
    check(FdtBuilder().begin("").token(7).end(), fdt::Error::BadToken);
    check(FdtBuilder().cells("reg", {1}).begin("").end(), fdt::Error::BadToken);  // property outside a node
    check(FdtBuilder().begin("").end().begin("").end(), fdt::Error::BadToken);    // two roots
    check(FdtBuilder().begin("").end().end(), fdt::Error::Unbalanced);
    check(FdtBuilder().begin("").begin("a").end(), fdt::Error::Unbalanced);
    check(FdtBuilder(), fdt::Error::Unbalanced);                                   // no root at all
    check(FdtBuilder().begin("").end(), fdt::Error::NoEnd, false);
    check(FdtBuilder().begin("").token(3).be32(0x100).be32(0).end(), fdt::Error::BadProperty);
    check(FdtBuilder().begin("").token(3).be32(0), fdt::Error::NoEnd, false);       // header cut short
}

TEST(Fdt, RejectsUnterminatedNames) {
    FdtBuilder node;
    node.begin("").token(1).be32(0x61616161);  // "aaaa" up to the end of the structure block
    EXPECT_EQ(read(node.build(false)), fdt::Error::BadName);
    FdtBuilder prop;
    prop.begin("").token(3).be32(0).be32(0x1000).end();  // name offset past the strings block
    EXPECT_EQ(read(prop.build()), fdt::Error::BadName);
    Blob unterminated = tree([](FdtBuilder& b) { b.cells("x", {0}); });
    FdtBuilder::set_header(unterminated, FdtBuilder::size_dt_strings, 0);  // strings block now empty
    EXPECT_EQ(read(unterminated), fdt::Error::BadName);
}

TEST(Fdt, NestingIsLimited) {
    auto nested = [](unsigned depth) {
        FdtBuilder b;
        for (unsigned i = 0; i < depth; i++) b.begin(i ? "n" : "");
        for (unsigned i = 0; i < depth; i++) b.end();
        return b.build();
    };
    EXPECT_EQ(read(nested(fdt::max_depth)), fdt::Error::None);
    EXPECT_EQ(read(nested(fdt::max_depth + 1)), fdt::Error::TooDeep);
}

TEST(Fdt, RejectsUnusableRegs) {
    auto memory = [](std::initializer_list<uint32_t> reg, uint32_t ac, uint32_t sc) {
        return read(tree([&](FdtBuilder& b) { b.begin("memory@0").cells("reg", reg).end(); }, ac, sc));
    };
    EXPECT_EQ(memory({0, 1, 2}, 2, 2), fdt::Error::BadValue);                    // not whole entries
    EXPECT_EQ(memory({0, 0, 0, 1}, 3, 1), fdt::Error::BadCells);
    EXPECT_EQ(memory({0, 0, 0}, 0, 3), fdt::Error::BadCells);
    EXPECT_EQ(memory({0xffffffff, 0xfffff000, 0, 0x1000}, 2, 2), fdt::Error::BadValue);  // wraps
    EXPECT_EQ(memory({0, 0x1000, 0, 0}, 2, 2), fdt::Error::None);                 // empty: not listed
    EXPECT_EQ(read(tree([](FdtBuilder& b) { b.prop("#size-cells", {0, 0}); })), fdt::Error::BadValue);
}

TEST(Fdt, TooManyRegionsIsAnError) {
    Blob blob = tree([](FdtBuilder& b) {
        std::vector<uint32_t> reg;
        for (uint32_t i = 0; i <= fdt::max_memory_regions; i++) reg.insert(reg.end(), {i << 20, 0x1000});
        std::vector<uint8_t> v;
        for (uint32_t c : reg) FdtBuilder::append_be32(v, c);
        b.begin("memory@0").prop("reg", v).end();
    }, 1, 1);
    EXPECT_EQ(read(blob), fdt::Error::TooMany);
}

TEST(Fdt, StringListsStayInsideTheirValue) {
    const uint8_t list[] = {'a', 0, 'b', 'c'};  // the last string is not terminated
    EXPECT_TRUE(fdt::list_contains(Bytes(list, 2), "a"));
    EXPECT_FALSE(fdt::list_contains(Bytes(list, sizeof(list)), "bc"));
    EXPECT_FALSE(fdt::list_contains(Bytes(list, 0), ""));
}

TEST(Fdt, BootargsAreATerminatedString) {
    fdt::Facts f;
    Blob blob = tree([](FdtBuilder& b) { b.begin("chosen").string("bootargs", "console=hvc0 x").end(); });
    ASSERT_EQ(read(blob, f), fdt::Error::None);
    EXPECT_STREQ(f.bootargs, "console=hvc0 x");  // inside the blob
    EXPECT_EQ(read(tree([](FdtBuilder& b) { b.begin("chosen").prop("bootargs", {'a', 'b'}).end(); })), fdt::Error::BadValue);
    ASSERT_EQ(read(tree([](FdtBuilder&) {}), f), fdt::Error::None);
    EXPECT_EQ(f.bootargs, nullptr);
}
