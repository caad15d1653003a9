// A minimal non-owning view of contiguous memory (no libstdc++ in the kernel).
#pragma once
#include "types.h"

template <typename T>
class Span {
public:
    constexpr Span() = default;
    constexpr Span(T* data, usize size) : data_(data), size_(size) {}
    template <usize N>
    constexpr Span(T (&array)[N]) : data_(array), size_(N) {}

    constexpr T* data() const { return data_; }
    constexpr usize size() const { return size_; }
    constexpr bool empty() const { return size_ == 0; }
    constexpr T& operator[](usize i) const { return data_[i]; }
    constexpr T* begin() const { return data_; }
    constexpr T* end() const { return data_ + size_; }

    // Bytes [offset, offset + count) lie inside the span (overflow-safe).
    constexpr bool contains(word offset, word count) const {
        return offset <= size_ && count <= size_ - offset;
    }

private:
    T* data_ = nullptr;
    usize size_ = 0;
};

using Bytes = Span<const u8>;
