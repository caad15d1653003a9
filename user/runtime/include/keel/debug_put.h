/* Output through seL4_DebugPutChar alone, for root tasks that run without the runtime (the riscv64
 * MMU test, the MCS boot test): a string, a number in decimal. */
#pragma once
#include <sel4/sel4.h>

namespace keel {

inline void debug_put(const char* s) {
    while (*s) seL4_DebugPutChar(*s++);
}

inline void debug_put_dec(seL4_Word v) {
    char digits[24];
    int n = 0;
    do {
        digits[n++] = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v);
    while (n) seL4_DebugPutChar(digits[--n]);
}

}  // namespace keel
