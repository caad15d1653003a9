// What core's boot needs from an architecture's boot protocol: the memory regions, the boot
// modules and the kernel command line the loader handed over, and the arch's extra BootInfo chunks.
#pragma once
#include "lib/types.h"
#include "boot/phys_view.h"

namespace boot {

// Region type for usable RAM (each arch's loader types number it 1, as seL4 reads them).
constexpr u32 mem_available = 1;

struct MemRegion {
    word base;
    word length;
    u32 type;  // the loader's memory type (mem_available = RAM)

    word end() const { return base + length < base ? ~word{0} : base + length; }  // ~0 when it wraps
};

struct Module {
    word start;  // physical, inclusive
    word end;    // physical, exclusive
};

// Filled by the arch from its boot protocol; the root task is module 0.
struct BootSources {
    static constexpr unsigned max_regions = 50;  // seL4's limit on the loader's memory map entries
    static constexpr unsigned max_modules = 8;

    MemRegion regions[max_regions];
    unsigned num_regions = 0;
    Module modules[max_modules];
    unsigned num_modules = 0;
    const char* cmdline = "";

    void add_region(word base, word length, u32 type);
    void add_module(word start, word end);
};

// A chunk's header (seL4_BootInfoHeader: its id and its length, the header's 16 bytes included),
// written at `p`; returns where the chunk's contents go.
constexpr word bootinfo_header_size = 16;
u8* write_bootinfo_header(u8* p, word id, word len);

// The arch's extra BootInfo chunks, defined and written by the arch (arch/extra_bootinfo.h).
struct ExtraBootInfo;

// Bytes the chunks take (BootInfo's extraLen).
word extra_bootinfo_size(const ExtraBootInfo& extra);

// Writes the chunks into `dest` (extra_bootinfo_size bytes, zeroed by the caller).
void write_extra_bootinfo(u8* dest, const BootSources& sources, const ExtraBootInfo& extra);

}  // namespace boot
