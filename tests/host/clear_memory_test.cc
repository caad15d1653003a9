// The x86_64 zeroing routines of kernel/arch/x86_64/src/clear.S, run on the host CPU. Their caller
// arch_clear_memory reads CR0 and so runs only in the kernel (the conformance tests RETYPE0011 and
// RETYPE0012 take both of its ways there).
#include <gtest/gtest.h>
#include <cstdint>
#include <vector>
#include "arch/x86_64/arch/clear_memory.h"

namespace {

constexpr word guard = 64;  // bytes checked on either side of the zeroed block
constexpr uint8_t pattern = 0xa5;

using Clear = void (*)(void*, word);

// Zeroes `bytes` bytes at `offset` (a multiple of 16) into a patterned buffer with `clear` and
// returns the buffer: zero in the block, the pattern around it.
std::vector<uint8_t> cleared(Clear clear, word bytes, word offset) {
    std::vector<uint8_t> buffer(guard + offset + bytes + guard + 16, pattern);
    word misalignment = reinterpret_cast<word>(buffer.data()) & 15;
    clear(buffer.data() + (16 - misalignment) + guard + offset, bytes);
    buffer.erase(buffer.begin(), buffer.begin() + static_cast<long>(16 - misalignment));
    buffer.resize(guard + offset + bytes + guard);
    return buffer;
}

void expect_only_block_zeroed(Clear clear, word bytes, word offset) {
    std::vector<uint8_t> b = cleared(clear, bytes, offset);
    word start = guard + offset, end = start + bytes;
    for (word i = 0; i < b.size(); i++) {
        ASSERT_EQ(b[i], i >= start && i < end ? 0 : pattern) << "byte " << i << " of a " << bytes << "-byte block";
    }
}

// arch_clear_memory_vectors called with `xmm0` in XMM0; returns XMM0's low half afterwards.
word vectors_keeping_xmm0(void* p, word bytes, word xmm0) {
    word out;
    asm volatile("movq %[in], %%xmm0\n\t"
                 "sub $128, %%rsp\n\t"  // past the red zone
                 "call arch_clear_memory_vectors\n\t"
                 "add $128, %%rsp\n\t"
                 "movq %%xmm0, %[out]"
                 : "+D"(p), "+S"(bytes), [out] "=&r"(out)
                 : [in] "r"(xmm0)
                 : "rax", "rcx", "rdx", "r8", "r9", "r10", "r11", "xmm0", "memory", "cc");
    return out;
}

}  // namespace

TEST(ClearMemory, VectorStoresZeroExactlyTheBlockForEverySize) {
    for (unsigned bits = 4; bits <= 16; bits++) {
        expect_only_block_zeroed(arch_clear_memory_vectors, word{1} << bits, 0);
        expect_only_block_zeroed(arch_clear_memory_vectors, word{1} << bits, 16 * 3);  // aligned to 16 only
    }
    expect_only_block_zeroed(arch_clear_memory_vectors, word{1} << 21, 0);
}

TEST(ClearMemory, RepStosqZeroesExactlyTheBlockForEverySize) {
    for (unsigned bits = 4; bits <= 16; bits++) expect_only_block_zeroed(arch_clear_memory_words, word{1} << bits, 16 * 3);
}

// The untyped reset zeroes up to 100 of its 256-byte chunks at once: any whole number of rounds.
TEST(ClearMemory, BothZeroExactlyAnyWholeNumberOfRounds) {
    for (word rounds : {1, 3, 7, 63, 99, 100}) {
        expect_only_block_zeroed(arch_clear_memory_vectors, rounds * 256, 16 * 5);
        expect_only_block_zeroed(arch_clear_memory_words, rounds * 256, 16 * 5);
    }
}

TEST(ClearMemory, VectorStoresLeaveXmm0AsTheyFoundIt) {
    alignas(16) static uint8_t block[4096];
    for (word bytes : {word{16}, word{128}, word{4096}}) {
        EXPECT_EQ(vectors_keeping_xmm0(block, bytes, 0x0123456789abcdef), 0x0123456789abcdefu) << bytes;
    }
}
