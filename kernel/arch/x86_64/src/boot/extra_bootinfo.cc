// The x86 extra BootInfo chunks.
#include "arch/extra_bootinfo.h"
#include "arch/acpi.h"
#include "lib/string.h"

namespace boot {
namespace {

constexpr word mmap_entries = 50;
constexpr word mmap_entry_size = 24;
constexpr word mmap_chunk_size = bootinfo_header_size + 4 + mmap_entries * mmap_entry_size;  // 1220
constexpr word tsc_chunk_size = bootinfo_header_size + 4;
enum : word { chunk_rsdp = 3, chunk_mmap = 2, chunk_tsc = 5 };

template <typename T>
u8* put(u8* p, T v) {
    memcpy(p, &v, sizeof(T));
    return p + sizeof(T);
}

u8* put_mmap(u8* p, const BootSources& sources) {
    unsigned n = sources.num_regions < mmap_entries ? sources.num_regions : mmap_entries;
    p = write_bootinfo_header(p, chunk_mmap, mmap_chunk_size);
    p = put<u32>(p, static_cast<u32>(n * mmap_entry_size));
    for (unsigned i = 0; i < mmap_entries; i++) {
        const MemRegion r = i < n ? sources.regions[i] : MemRegion{0, 0, 0};
        p = put<u32>(p, i < n ? static_cast<u32>(mmap_entry_size - 4) : 0);
        p = put<u64>(p, r.base);
        p = put<u64>(p, r.length);
        p = put<u32>(p, r.type);
    }
    return p;
}

}  // namespace

word extra_bootinfo_size(const ExtraBootInfo& extra) {
    return (extra.rsdp ? bootinfo_header_size + rsdp_size : 0) + mmap_chunk_size + tsc_chunk_size;
}

void write_extra_bootinfo(u8* dest, const BootSources& sources, const ExtraBootInfo& extra) {
    u8* p = dest;
    if (extra.rsdp) {
        p = write_bootinfo_header(p, chunk_rsdp, bootinfo_header_size + rsdp_size);
        memcpy(p, extra.rsdp, extra.rsdp_bytes);  // the rest of the chunk stays zero
        p += rsdp_size;
    }
    p = put_mmap(p, sources);
    p = write_bootinfo_header(p, chunk_tsc, tsc_chunk_size);
    put<u32>(p, extra.tsc_mhz);
}

word find_rsdp(const PhysView& phys, word start, word length) {
    for (word a = round_up(start, 4); a + 20 <= start + length; a += 16) {
        if (!phys.contains(a, 20)) return 0;
        const u8* p = phys.base + a;
        if (memcmp(p, "RSD PTR ", 8) == 0 && acpi_checksum_ok(p, 20)) return a;
    }
    return 0;
}

}  // namespace boot
