// Reading the device tree and turning it into boot sources, for the architectures that boot with
// one (arch/device_tree.h).
#include "arch/device_tree.h"
#include "arch/kernel_window.h"
#include "kernel/console.h"

namespace arch {

fdt::Error read_device_tree(word paddr, u32& size, fdt::Facts& facts) {
    if (!in_window(paddr, fdt::header_size)) return fdt::Error::BadLayout;
    if (fdt::Error e = fdt::total_size(physical_bytes(paddr, fdt::header_size), size); e != fdt::Error::None) return e;
    if (!in_window(paddr, size)) return fdt::Error::BadLayout;
    return fdt::read_facts(physical_bytes(paddr, size), facts);
}

void print_regions(const char* what, const fdt::Region* regions, unsigned count) {
    for (unsigned i = 0; i < count; i++) {
        core::kprintf("%s: [0x%lx, 0x%lx) %lu KiB\n", what, regions[i].base, regions[i].base + regions[i].size,
                      regions[i].size >> 10);
    }
}

namespace {

// [start, end) (start < end) against region r, without computing r's end (it may wrap).
bool contains(const fdt::Region& r, word start, word end) { return start >= r.base && end - r.base <= r.size; }
bool overlaps(const fdt::Region& r, word start, word end) {
    return r.size && (start >= r.base ? start - r.base < r.size : end > r.base);
}

}  // namespace

bool initrd_readable(const fdt::Facts& facts) {
    bool in_ram = false;
    for (unsigned i = 0; i < facts.memory_count; i++) {
        in_ram |= contains(facts.memory[i], facts.initrd_start, facts.initrd_end);
    }
    for (unsigned i = 0; i < facts.reserved_count; i++) {
        if (overlaps(facts.reserved[i], facts.initrd_start, facts.initrd_end)) return false;
    }
    return in_ram && in_window(facts.initrd_start, facts.initrd_end - facts.initrd_start);
}

void collect_memory(const fdt::Facts& facts, word dtb, word dtb_size, word image_start, word image_end, BootRam& out) {
    for (unsigned i = 0; i < facts.memory_count; i++) {
        out.sources.add_region(facts.memory[i].base, facts.memory[i].size, boot::mem_available);
    }
    out.sources.add_module(facts.initrd_start, facts.initrd_end);
    boot::add_ram(out.ram, out.sources, 0, pptr_top - pptr_base);
    out.free = out.ram;
    auto reserve = [&](word start, word end) { out.free.reserve(round_down(start, 12), round_up(end, 12)); };
    reserve(image_start, image_end);
    reserve(dtb, dtb + dtb_size);
    reserve(facts.initrd_start, facts.initrd_end);
    for (unsigned i = 0; i < facts.reserved_count; i++) {
        reserve(facts.reserved[i].base, facts.reserved[i].base + facts.reserved[i].size);
    }
}

}  // namespace arch
