// The kernels' memset (x86_64: kernel/arch/x86_64/src/mem.S, riscv64: kernel/arch/riscv64/src/mem.cc,
// built for this test under the names keel_memset and keel_riscv64_memset), run on the host CPU:
// every byte of the block set, none around it, for every size and misalignment up to a few words.
#include <gtest/gtest.h>
#include <cstdint>
#include <vector>

extern "C" void* keel_memset(void* p, int value, unsigned long bytes);
extern "C" void* keel_riscv64_memset(void* p, int value, unsigned long bytes);

namespace {

constexpr unsigned long guard = 16;
constexpr uint8_t pattern = 0xa5;

void expect_sets_exactly_the_block(void* (*set)(void*, int, unsigned long)) {
    for (unsigned long offset = 0; offset < 8; offset++) {
        for (unsigned long bytes = 0; bytes <= 72; bytes++) {
            std::vector<uint8_t> buffer(guard + offset + bytes + guard, pattern);
            uint8_t* block = buffer.data() + guard + offset;
            ASSERT_EQ(set(block, 0x1c3, bytes), block);  // only the low byte counts
            for (unsigned long i = 0; i < buffer.size(); i++) {
                bool inside = i >= guard + offset && i < guard + offset + bytes;
                ASSERT_EQ(buffer[i], inside ? 0xc3 : pattern)
                    << bytes << " bytes at offset " << offset << ": byte " << i;
            }
        }
    }
}

TEST(KernelMemset, X86_64SetsExactlyTheBlockForEverySizeAndOffset) { expect_sets_exactly_the_block(keel_memset); }

TEST(KernelMemset, Riscv64SetsExactlyTheBlockForEverySizeAndOffset) {
    expect_sets_exactly_the_block(keel_riscv64_memset);
}

}  // namespace
