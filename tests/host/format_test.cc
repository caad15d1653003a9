// The freestanding printf used by the kernel and the user runtime.
#include <gtest/gtest.h>
#include "lib/format.h"

namespace {
std::string fmt(const char* f, auto... args) {
    char buf[128];
    lib::BufferSink sink(buf, sizeof(buf));
    lib::format(sink, f, args...);
    return buf;
}
}  // namespace

TEST(Format, Conversions) {
    EXPECT_EQ(fmt("%d %i %u", -42, 7, 3u), "-42 7 3");
    EXPECT_EQ(fmt("%x %X %lx", 0xabcu, 0xabcu, 0xffffffffffffff9dul), "abc ABC ffffffffffffff9d");
    EXPECT_EQ(fmt("%s|%c|%%", "str", 'z'), "str|z|%");
    EXPECT_EQ(fmt("%p", reinterpret_cast<void*>(0x1000)), "0x1000");
    EXPECT_EQ(fmt("%p", nullptr), "0");  // seL4's printf: no prefix on a null pointer
    EXPECT_EQ(fmt("%s", static_cast<const char*>(nullptr)), "(null)");
}

TEST(Format, WidthAndZeroPadding) {
    EXPECT_EQ(fmt("%016lx", 0x1234ul), "0000000000001234");
    EXPECT_EQ(fmt("[%5d]", 42), "[   42]");
    EXPECT_EQ(fmt("[%05d]", -42), "[-0042]");
    EXPECT_EQ(fmt("%ld", static_cast<long>(-9223372036854775807L - 1)), "-9223372036854775808");
}

TEST(Format, TruncatesAtTheBufferEnd) {
    char buf[6];
    lib::BufferSink sink(buf, sizeof(buf));
    lib::format(sink, "%s", "abcdefghij");
    EXPECT_STREQ(buf, "abcde");
}
