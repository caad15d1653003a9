// The data and instruction cache lines seL4 16.0.0's cache maintenance by address visits
// (src/arch/arm/machine/cache.c), as arithmetic a host test can check.
#pragma once
#include "lib/types.h"

namespace arch {

constexpr unsigned cache_line_bits = 6;  // seL4's L1_CACHE_LINE_SIZE_BITS on Cortex-A53/A57
constexpr word cache_line_size = bit(cache_line_bits);

constexpr word line_start(word a) { return a & ~mask(cache_line_bits); }

// The lines of [start, end] (end inclusive, as seL4 passes it): from start's line to end's.
struct LineRange {
    word first, last;  // line addresses
};
constexpr LineRange lines_of(word start, word end) { return {line_start(start), line_start(end)}; }

// invalidateCacheRange_RAM first cleans the partial lines at either end, so the invalidation
// loses no byte outside [start, end]: start's line when start is not on a line boundary, end's
// when end + 1 is not.
constexpr bool cleans_first_line(word start) { return start != line_start(start); }
constexpr bool cleans_last_line(word end) { return end + 1 != line_start(end + 1); }

}  // namespace arch
