// Boot-time physical memory: free ranges from the memory map, minus what is in use.
#pragma once
#include "lib/types.h"

namespace boot {

struct PhysRange {
    word start;  // inclusive
    word end;    // exclusive
};

// Tracks free physical memory during boot. Later, what is left becomes the untyped caps.
class BootMemory {
public:
    static constexpr unsigned max_ranges = 64;

    void add_free(word start, word end);
    // Removes [start, end) from the free ranges (splitting a range where needed).
    void reserve(word start, word end);
    // Takes `size` bytes aligned to 2^align_bits from the lowest free range that fits; 0 if none.
    word alloc(word size, unsigned align_bits);

    unsigned count() const { return count_; }
    const PhysRange& range(unsigned i) const { return ranges_[i]; }
    word total_free() const;
    // Whether [start, end) (start < end) lies inside one range.
    bool covers(word start, word end) const;

private:
    void remove_at(unsigned i);
    void insert_at(unsigned i, PhysRange r);

    PhysRange ranges_[max_ranges] = {};  // sorted, non-overlapping, non-empty
    unsigned count_ = 0;
};

struct BootSources;

// The RAM the kernel uses: the memory map's available ranges in whole 4 KiB pages, as seL4 takes
// them, from `low_end` (seL4 leaves the first MiB to devices) up to `window_end` (RAM outside the
// kernel's window is device memory), above 4 GiB included.
void add_ram(BootMemory& m, const BootSources& sources, word low_end, word window_end);

}  // namespace boot
