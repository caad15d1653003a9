// ACPI: RSDP, RSDT/XSDT, MADT.
#include "arch/acpi.h"
#include "lib/string.h"

namespace boot {
namespace {

constexpr word sdt_header_size = 36;
constexpr word madt_entries_offset = 44;
enum : u8 { madt_local_apic = 0, madt_io_apic = 1, madt_lapic_address_override = 5 };

template <typename T>
T read(const u8* p) {
    T v;
    memcpy(&v, p, sizeof(T));
    return v;
}

// The table at `paddr` when it is whole, in `phys`, and its checksum holds; nullptr otherwise.
const u8* table_at(const PhysView& phys, word paddr, word& length) {
    if (!phys.contains(paddr, sdt_header_size)) return nullptr;
    length = read<u32>(phys.base + paddr + 4);
    if (length < sdt_header_size || !phys.contains(paddr, length)) return nullptr;
    const u8* t = phys.base + paddr;
    return acpi_checksum_ok(t, length) ? t : nullptr;
}

// The MADT among the tables the RSDT (4-byte entries) or XSDT (8-byte entries) lists.
const u8* find_madt(const PhysView& phys, const u8* sdt, word sdt_length, word entry_size, word& length) {
    for (word off = sdt_header_size; off + entry_size <= sdt_length; off += entry_size) {
        word paddr = entry_size == 8 ? read<u64>(sdt + off) : read<u32>(sdt + off);
        const u8* t = table_at(phys, paddr, length);
        if (t && memcmp(t, "APIC", 4) == 0) return t;
    }
    return nullptr;
}

void scan_madt(const u8* madt, word length, MadtInfo& out) {
    out.lapic_paddr = read<u32>(madt + sdt_header_size);
    for (word off = madt_entries_offset; off + 2 <= length;) {
        u8 type = madt[off], len = madt[off + 1];
        if (len < 2 || off + len > length) return;
        const u8* e = madt + off;
        if (type == madt_local_apic && len >= 8 && (read<u32>(e + 4) & 1)) out.num_cpus++;
        if (type == madt_io_apic && len >= 12 && out.num_ioapics < config::max_num_ioapic) {
            out.ioapic_paddrs[out.num_ioapics++] = read<u32>(e + 4);
        }
        if (type == madt_lapic_address_override && len >= 12) out.lapic_paddr = read<u64>(e + 4);
        off += len;
    }
}

}  // namespace

bool acpi_checksum_ok(const u8* p, word len) {
    u8 sum = 0;
    for (word i = 0; i < len; i++) sum = static_cast<u8>(sum + p[i]);
    return sum == 0;
}

bool parse_madt(const PhysView& phys, word rsdp, MadtInfo& out) {
    out = MadtInfo{};
    if (!phys.contains(rsdp, 20) || memcmp(phys.base + rsdp, "RSD PTR ", 8) != 0) return false;
    const u8* r = phys.base + rsdp;
    if (!acpi_checksum_ok(r, 20)) return false;
    word sdt_length = 0, length = 0;
    const u8* madt = nullptr;
    if (r[15] >= 2 && phys.contains(rsdp, 36) && read<u64>(r + 24) != 0) {
        const u8* xsdt = table_at(phys, read<u64>(r + 24), sdt_length);
        if (xsdt && memcmp(xsdt, "XSDT", 4) == 0) madt = find_madt(phys, xsdt, sdt_length, 8, length);
    }
    if (!madt) {
        const u8* rsdt = table_at(phys, read<u32>(r + 16), sdt_length);
        if (!rsdt || memcmp(rsdt, "RSDT", 4) != 0) return false;
        madt = find_madt(phys, rsdt, sdt_length, 4, length);
    }
    if (!madt || length < madt_entries_offset) return false;
    scan_madt(madt, length, out);
    return true;
}

}  // namespace boot
