// memcpy, memmove, memset, memcmp and strlen as byte loops, for the kernels and user programs of
// the architectures without faster ones (riscv64, aarch64; the compiler may emit calls to them).
// Kernel copies are small: untyped memory is zeroed by arch::clear_memory.
#include "lib/string.h"

extern "C" {

void* memcpy(void* dst, const void* src, usize n) { return memmove(dst, src, n); }

void* memmove(void* dst, const void* src, usize n) {
    u8* d = static_cast<u8*>(dst);
    const u8* s = static_cast<const u8*>(src);
    if (d < s) {
        for (usize i = 0; i < n; i++) d[i] = s[i];
    } else {
        for (usize i = n; i > 0; i--) d[i - 1] = s[i - 1];
    }
    return dst;
}

void* memset(void* dst, int value, usize n) {
    u8* d = static_cast<u8*>(dst);
    for (usize i = 0; i < n; i++) d[i] = static_cast<u8>(value);
    return dst;
}

int memcmp(const void* a, const void* b, usize n) {
    const u8* x = static_cast<const u8*>(a);
    const u8* y = static_cast<const u8*>(b);
    for (usize i = 0; i < n; i++) {
        if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
    }
    return 0;
}

usize strlen(const char* s) {
    usize n = 0;
    while (s[n]) n++;
    return n;
}

}  // extern "C"
