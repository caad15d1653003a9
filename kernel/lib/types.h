// Fixed-width integer types and small compile-time helpers for freestanding kernel code.
#pragma once

using u8 = __UINT8_TYPE__;
using u16 = __UINT16_TYPE__;
using u32 = __UINT32_TYPE__;
using u64 = __UINT64_TYPE__;
using i32 = __INT32_TYPE__;
using i64 = __INT64_TYPE__;
using word = u64;
using sword = i64;
using usize = __SIZE_TYPE__;
using uptr = __UINTPTR_TYPE__;

static_assert(sizeof(word) == 8, "Keel targets 64-bit machines");

constexpr word bit(unsigned n) { return word{1} << n; }
constexpr word mask(unsigned n) { return n >= 64 ? ~word{0} : bit(n) - 1; }
constexpr word round_down(word x, unsigned bits) { return x & ~mask(bits); }
constexpr word round_up(word x, unsigned bits) { return round_down(x + mask(bits), bits); }
constexpr bool is_aligned(word x, unsigned bits) { return (x & mask(bits)) == 0; }

template <typename T, usize N>
constexpr usize array_size(const T (&)[N]) { return N; }
