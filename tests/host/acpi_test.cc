// ACPI: from the RSDP through the RSDT or XSDT to the MADT, with every table checked.
#include <gtest/gtest.h>
#include <cstring>
#include <vector>
#include "arch/acpi.h"

namespace {

// A simulated physical memory with ACPI tables laid out at fixed addresses.
struct Tables {
    std::vector<uint8_t> mem = std::vector<uint8_t>(0x10000, 0);
    static constexpr word rsdp = 0x100, rsdt = 0x1000, xsdt = 0x2000, madt = 0x3000;

    template <typename T>
    void put(word at, T v) { std::memcpy(&mem[at], &v, sizeof(T)); }

    void checksum(word at, word len, word sum_offset) {
        mem[at + sum_offset] = 0;
        uint8_t sum = 0;
        for (word i = 0; i < len; i++) sum = static_cast<uint8_t>(sum + mem[at + i]);
        mem[at + sum_offset] = static_cast<uint8_t>(-sum);
    }

    void header(word at, const char* sig, u32 len) {
        std::memcpy(&mem[at], sig, 4);
        put<u32>(at + 4, len);
    }

    // An RSDP (revision 0: RSDT only, or 2: with an XSDT), a MADT with a local APIC address, two
    // enabled processors, one disabled, and one I/O APIC.
    explicit Tables(bool with_xsdt) {
        std::memcpy(&mem[rsdp], "RSD PTR ", 8);
        mem[rsdp + 15] = with_xsdt ? 2 : 0;
        put<u32>(rsdp + 16, rsdt);
        if (with_xsdt) put<u64>(rsdp + 24, xsdt);
        checksum(rsdp, 20, 8);
        header(rsdt, "RSDT", 36 + 4);
        put<u32>(rsdt + 36, madt);
        checksum(rsdt, 40, 9);
        header(xsdt, "XSDT", 36 + 8);
        put<u64>(xsdt + 36, madt);
        checksum(xsdt, 44, 9);
        u32 len = 44 + 3 * 8 + 12;
        header(madt, "APIC", len);
        put<u32>(madt + 36, 0xfee00000);
        for (int i = 0; i < 3; i++) {
            word e = madt + 44 + 8 * i;
            mem[e] = 0;  // processor local APIC
            mem[e + 1] = 8;
            put<u32>(e + 4, i < 2 ? 1 : 0);  // enabled?
        }
        word io = madt + 44 + 24;
        mem[io] = 1;
        mem[io + 1] = 12;
        put<u32>(io + 4, 0xfec00000);
        checksum(madt, len, 9);
    }

    bool parse(boot::MadtInfo& out) { return boot::parse_madt({mem.data(), mem.size()}, rsdp, out); }
};

}  // namespace

TEST(Acpi, FindsTheLocalApicProcessorsAndIoApicThroughTheRsdt) {
    Tables t(false);
    boot::MadtInfo m;
    ASSERT_TRUE(t.parse(m));
    EXPECT_EQ(m.lapic_paddr, 0xfee00000u);
    EXPECT_EQ(m.num_cpus, 2u) << "disabled processors do not count";
    ASSERT_EQ(m.num_ioapics, 1u);
    EXPECT_EQ(m.ioapic_paddrs[0], 0xfec00000u);
}

TEST(Acpi, PrefersTheXsdtOfAnAcpi2Rsdp) {
    Tables t(true);
    t.put<u32>(Tables::rsdt + 36, 0x8000);  // the RSDT now points nowhere useful
    t.checksum(Tables::rsdt, 40, 9);
    boot::MadtInfo m;
    ASSERT_TRUE(t.parse(m));
    EXPECT_EQ(m.num_ioapics, 1u);
}

TEST(Acpi, RefusesBadChecksumsLengthsAndPointers) {
    boot::MadtInfo m;
    Tables bad_rsdp(false);
    bad_rsdp.mem[Tables::rsdp + 9] ^= 1;
    EXPECT_FALSE(bad_rsdp.parse(m));
    Tables bad_madt(false);
    bad_madt.mem[Tables::madt + 50] ^= 1;
    EXPECT_FALSE(bad_madt.parse(m));
    Tables too_long(false);
    too_long.put<u32>(Tables::madt + 4, 0x20000);  // runs past the end of memory
    too_long.checksum(Tables::madt, 80, 9);
    EXPECT_FALSE(too_long.parse(m));
    Tables far(false);
    far.put<u32>(Tables::rsdt + 36, 0xfffffff0);
    far.checksum(Tables::rsdt, 40, 9);
    EXPECT_FALSE(far.parse(m));
    Tables nowhere(false);
    EXPECT_FALSE(boot::parse_madt({nowhere.mem.data(), nowhere.mem.size()}, 0xfff0, m)) << "RSDP past the end";
}

TEST(Acpi, StopsAtAMalformedMadtEntry) {
    Tables t(false);
    t.mem[Tables::madt + 44 + 1] = 0;  // an entry of length 0 would loop for ever
    t.checksum(Tables::madt, 44 + 36, 9);
    boot::MadtInfo m;
    ASSERT_TRUE(t.parse(m));
    EXPECT_EQ(m.num_cpus, 0u);
    EXPECT_EQ(m.num_ioapics, 0u);
}
