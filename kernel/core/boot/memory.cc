// Boot-time physical memory bookkeeping.
#include "boot/memory.h"
#include "boot/boot_sources.h"

namespace boot {

void BootMemory::remove_at(unsigned i) {
    for (unsigned j = i; j + 1 < count_; j++) ranges_[j] = ranges_[j + 1];
    count_--;
}

void BootMemory::insert_at(unsigned i, PhysRange r) {
    if (count_ == max_ranges) return;  // drop the memory rather than overflow: boot still works
    for (unsigned j = count_; j > i; j--) ranges_[j] = ranges_[j - 1];
    ranges_[i] = r;
    count_++;
}

void BootMemory::add_free(word start, word end) {
    if (start >= end) return;
    reserve(start, end);  // keep ranges disjoint when the memory map repeats itself
    unsigned i = 0;
    while (i < count_ && ranges_[i].start < start) i++;
    insert_at(i, {start, end});
}

void BootMemory::reserve(word start, word end) {
    for (unsigned i = 0; i < count_ && start < end;) {
        PhysRange r = ranges_[i];
        if (r.end <= start || end <= r.start) {
            i++;
            continue;
        }
        remove_at(i);
        if (r.start < start) insert_at(i++, {r.start, start});
        if (end < r.end) insert_at(i++, {end, r.end});
    }
}

word BootMemory::alloc(word size, unsigned align_bits) {
    for (unsigned i = 0; i < count_; i++) {
        word start = round_up(ranges_[i].start, align_bits);
        if (start < ranges_[i].start || start >= ranges_[i].end || ranges_[i].end - start < size) continue;
        reserve(start, start + size);
        return start;
    }
    return 0;
}

void add_ram(BootMemory& m, const BootSources& sources, word low_end, word window_end) {
    constexpr unsigned page_bits = 12;  // seL4 takes RAM regions in whole pages
    for (unsigned i = 0; i < sources.num_regions; i++) {
        const MemRegion& r = sources.regions[i];
        if (r.type != mem_available) continue;
        word start = r.base < low_end ? low_end : r.base, end = r.end() > window_end ? window_end : r.end();
        if (start < end) m.add_free(round_up(start, page_bits), round_down(end, page_bits));
    }
}

bool BootMemory::covers(word start, word end) const {
    for (unsigned i = 0; i < count_; i++) {
        if (start >= ranges_[i].start && end <= ranges_[i].end) return true;
    }
    return false;
}

word BootMemory::total_free() const {
    word total = 0;
    for (unsigned i = 0; i < count_; i++) total += ranges_[i].end - ranges_[i].start;
    return total;
}

}  // namespace boot
