// The conformance-suite framework: named tests in areas (BOOT0001, SYSCALL0002, ...), TAP output.
#pragma once
#include <keel/runtime.h>

struct KeelTest {
    const char* name;
    const char* description;
    void (*run)();
};

// Records a failed check of the running test and prints where it was.
void keel_test_fail(const char* file, int line, const char* what);

// Marks the running test as skipped, saying why (the machine lacks what it needs): TAP's
// `ok N - NAME ... # SKIP why`, which the runner reports as skipped, never as passed. A test
// that also failed a check is reported failed.
void keel_test_skip(const char* why);

#define KEEL_TEST(NAME, DESCRIPTION)                                                              \
    static void keel_test_body_##NAME();                                                          \
    [[gnu::used, gnu::section("keel_tests")]] static const KeelTest keel_test_##NAME = {          \
        #NAME, DESCRIPTION, keel_test_body_##NAME};                                               \
    static void keel_test_body_##NAME()

#define KEEL_CHECK(COND)                                                                          \
    do {                                                                                          \
        if (!(COND)) keel_test_fail(__FILE__, __LINE__, #COND);                                   \
    } while (0)

#define KEEL_CHECK_EQ(A, B)                                                                       \
    do {                                                                                          \
        unsigned long keel_a_ = (unsigned long)(A), keel_b_ = (unsigned long)(B);                 \
        if (keel_a_ != keel_b_) {                                                                 \
            keel_printf("# %s = 0x%lx, expected %s = 0x%lx\n", #A, keel_a_, #B, keel_b_);          \
            keel_test_fail(__FILE__, __LINE__, #A " == " #B);                                     \
        }                                                                                         \
    } while (0)
