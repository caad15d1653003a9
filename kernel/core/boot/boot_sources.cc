// The boot sources every architecture fills, and bounded reads of the memory they point into.
#include "boot/boot_sources.h"
#include "lib/string.h"

namespace boot {

u8* write_bootinfo_header(u8* p, word id, word len) {
    memcpy(p, &id, 8);
    memcpy(p + 8, &len, 8);
    return p + bootinfo_header_size;
}

const char* PhysView::string_at(word paddr) const {
    if (!contains(paddr, 1)) return nullptr;
    for (word p = paddr; p < size; p++) {
        if (base[p] == '\0') return reinterpret_cast<const char*>(base + paddr);
    }
    return nullptr;
}

void BootSources::add_region(word base, word length, u32 type) {
    if (num_regions < max_regions) regions[num_regions++] = {base, length, type};
}

void BootSources::add_module(word start, word end) {
    if (num_modules < max_modules) modules[num_modules++] = {start, end};
}

}  // namespace boot
