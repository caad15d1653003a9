// The boot sources every architecture fills, and bounded reads of the memory they point into.
#include "boot/boot_sources.h"

namespace boot {

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
