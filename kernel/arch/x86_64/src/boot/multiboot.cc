// Parsing of Multiboot 1 and Multiboot 2 boot information into BootParams.
#include "arch/multiboot.h"

namespace boot {

const char* describe(MultibootError e) {
    switch (e) {
    case MultibootError::None: return "no error";
    case MultibootError::UnknownMagic: return "not started by a Multiboot 1 or 2 boot loader";
    case MultibootError::NoInfo: return "boot information structure is missing or unreadable";
    case MultibootError::NoMemoryMap: return "boot loader gave no memory map";
    case MultibootError::Malformed: return "boot information structure is malformed";
    }
    return "?";
}

namespace {

// Multiboot 1 information structure (only the fields Keel reads).
struct Mb1Info {
    u32 flags;
    u32 mem_lower, mem_upper;
    u32 boot_device;
    u32 cmdline;
    u32 mods_count, mods_addr;
    u32 syms[4];
    u32 mmap_length, mmap_addr;
};
static_assert(sizeof(Mb1Info) == 52);
static_assert(__builtin_offsetof(Mb1Info, mmap_addr) == 48);

struct Mb1Module {
    u32 mod_start, mod_end, string, reserved;
};

struct [[gnu::packed]] Mb1MmapEntry {
    u32 size;  // of the rest of this entry
    u64 base;
    u64 length;
    u32 type;
};
static_assert(sizeof(Mb1MmapEntry) == 24);

constexpr u32 mb1_flag_cmdline = bit(2);
constexpr u32 mb1_flag_mods = bit(3);
constexpr u32 mb1_flag_mmap = bit(6);

MultibootError parse_mb1_mmap(const Mb1Info& info, const PhysView& phys, BootParams& out) {
    if (!(info.flags & mb1_flag_mmap)) return MultibootError::NoMemoryMap;
    word p = info.mmap_addr;
    word end = p + info.mmap_length;
    while (p + sizeof(u32) <= end) {
        auto* e = phys.at<Mb1MmapEntry>(p);
        if (!e || e->size < sizeof(Mb1MmapEntry) - sizeof(u32)) return MultibootError::Malformed;
        out.add_region(e->base, e->length, e->type);
        p += e->size + sizeof(u32);
    }
    return out.num_regions ? MultibootError::None : MultibootError::NoMemoryMap;
}

MultibootError parse_mb1(word info_paddr, const PhysView& phys, BootParams& out) {
    auto* info = phys.at<Mb1Info>(info_paddr);
    if (!info) return MultibootError::NoInfo;
    if (info->flags & mb1_flag_cmdline) {
        const char* s = phys.string_at(info->cmdline);
        if (s) out.cmdline = s;
    }
    if (info->flags & mb1_flag_mods) {
        for (u32 i = 0; i < info->mods_count; i++) {
            auto* m = phys.at<Mb1Module>(info->mods_addr + word{i} * sizeof(Mb1Module));
            if (!m) return MultibootError::Malformed;
            out.add_module(m->mod_start, m->mod_end);
        }
    }
    return parse_mb1_mmap(*info, phys, out);
}

// Multiboot 2: a list of 8-byte aligned tags after an 8-byte header.
struct Mb2Tag {
    u32 type, size;
};
struct Mb2Module {
    Mb2Tag tag;
    u32 mod_start, mod_end;
};
struct Mb2Mmap {
    Mb2Tag tag;
    u32 entry_size, entry_version;
};
struct Mb2MmapEntry {
    u64 base, length;
    u32 type, reserved;
};
static_assert(sizeof(Mb2MmapEntry) == 24);

enum : u32 { mb2_end = 0, mb2_cmdline = 1, mb2_module = 3, mb2_mmap = 6, mb2_rsdp_v1 = 14, mb2_rsdp_v2 = 15 };

MultibootError parse_mb2_mmap(word tag_paddr, const Mb2Tag& tag, const PhysView& phys, BootParams& out) {
    auto* mm = phys.at<Mb2Mmap>(tag_paddr);
    if (!mm || mm->entry_size < sizeof(Mb2MmapEntry)) return MultibootError::Malformed;
    for (word off = sizeof(Mb2Mmap); off + mm->entry_size <= tag.size; off += mm->entry_size) {
        auto* e = phys.at<Mb2MmapEntry>(tag_paddr + off);
        if (!e) return MultibootError::Malformed;
        out.add_region(e->base, e->length, e->type);
    }
    return MultibootError::None;
}

MultibootError parse_mb2_tag(word p, const Mb2Tag& tag, const PhysView& phys, BootParams& out) {
    switch (tag.type) {
    case mb2_cmdline: {
        const char* s = phys.string_at(p + sizeof(Mb2Tag));
        if (s) out.cmdline = s;
        return MultibootError::None;
    }
    case mb2_module: {
        auto* m = phys.at<Mb2Module>(p);
        if (!m) return MultibootError::Malformed;
        out.add_module(m->mod_start, m->mod_end);
        return MultibootError::None;
    }
    case mb2_mmap: return parse_mb2_mmap(p, tag, phys, out);
    case mb2_rsdp_v1:
    case mb2_rsdp_v2: {
        // As seL4's boot_sys: a tag whose size is exactly an ACPI 1.0 (20 bytes) or 2.0 (36)
        // RSDP of its kind replaces any earlier one; others are ignored.
        word size = tag.size - sizeof(Mb2Tag);
        if (size == (tag.type == mb2_rsdp_v1 ? rsdp_v1_size : rsdp_size)) {
            out.acpi_rsdp = p + sizeof(Mb2Tag);
            out.acpi_rsdp_size = size;
        }
        return MultibootError::None;
    }
    default: return MultibootError::None;
    }
}

MultibootError parse_mb2(word info_paddr, const PhysView& phys, BootParams& out) {
    auto* total = phys.at<u32>(info_paddr);
    if (!total || !phys.contains(info_paddr, *total) || *total < 16) return MultibootError::NoInfo;
    word end = info_paddr + *total;
    for (word p = info_paddr + 8; p + sizeof(Mb2Tag) <= end; p = round_up(p + phys.at<Mb2Tag>(p)->size, 3)) {
        auto* tag = phys.at<Mb2Tag>(p);
        if (tag->type == mb2_end) break;
        if (tag->size < sizeof(Mb2Tag) || p + tag->size > end) return MultibootError::Malformed;
        MultibootError e = parse_mb2_tag(p, *tag, phys, out);
        if (e != MultibootError::None) return e;
    }
    return out.num_regions ? MultibootError::None : MultibootError::NoMemoryMap;
}

}  // namespace

MultibootError parse_multiboot(u32 magic, word info_paddr, const PhysView& phys, BootParams& out) {
    if (magic == multiboot1_loader_magic) return parse_mb1(info_paddr, phys, out);
    if (magic == multiboot2_loader_magic) return parse_mb2(info_paddr, phys, out);
    return MultibootError::UnknownMagic;
}

}  // namespace boot
