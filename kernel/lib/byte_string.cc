// memcpy, memmove, memset, memcmp and strlen for the kernels and user programs of the
// architectures without faster ones (riscv64, aarch64; the compiler may emit calls to them): byte
// loops but memset's aligned middle, stored a word at a time (a Retype of 256 TCBs zeroes each TCB
// with interrupts off: docs/performance.md, "Worst-case interrupt latency"). Untyped memory is
// zeroed by arch::clear_memory.
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
    using Word [[gnu::may_alias]] = u64;
    u8* d = static_cast<u8*>(dst);
    u8* end = d + n;
    u8 byte = static_cast<u8>(value);
    for (; d < end && (reinterpret_cast<usize>(d) & 7); d++) *d = byte;
    for (Word word = 0x0101010101010101ull * byte; end - d >= 8; d += 8) *reinterpret_cast<Word*>(d) = word;
    for (; d < end; d++) *d = byte;
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
