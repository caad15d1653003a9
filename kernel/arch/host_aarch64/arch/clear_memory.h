// Zeroing the memory the kernel hands out, on the host (aarch64's stores pairs of zero registers).
#pragma once
#include <cstring>
#include "lib/types.h"

namespace arch {

inline void clear_memory(void* p, word bytes) { std::memset(p, 0, bytes); }

}  // namespace arch
