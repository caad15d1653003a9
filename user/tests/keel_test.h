// The conformance-suite framework: named tests in areas (BOOT0001, SYSCALL0002, ...), TAP output.
#pragma once
#include <keel/runtime.h>

// What a test needs beyond what every kernel of the suite has: where the kernel built for an
// architecture lacks it so far, the suite reports the test "# SKIP" with the reason (skipped,
// never passed) instead of running it. Today riscv64 lacks the paging and ASID invocations
// (RISCVPageMap/Unmap/GetAddress, PageTable Map/Unmap, ASIDControl MakePool, ASIDPool Assign) and
// the IRQControl ones (Get, IssueIRQHandlerTrigger); the build says so with
// KEEL_LACKS_PAGING_INVOCATIONS and KEEL_LACKS_IRQ_INVOCATIONS (user/CMakeLists.txt).
enum class KeelNeeds { nothing, paging, irq };

struct KeelTest {
    const char* name;
    const char* description;
    void (*run)();
    KeelNeeds needs;
};

// Records a failed check of the running test and prints where it was.
void keel_test_fail(const char* file, int line, const char* what);

// Marks the running test as skipped, saying why (the machine lacks what it needs): TAP's
// `ok N - NAME ... # SKIP why`, which the runner reports as skipped, never as passed. A test
// that also failed a check is reported failed.
void keel_test_skip(const char* why);

#define KEEL_TEST(NAME, DESCRIPTION) KEEL_TEST_NEEDS(NAME, nothing, DESCRIPTION)

// A test that needs NEEDS (a KeelNeeds) to run: new mappings (paging), IRQ handler caps (irq).
#define KEEL_TEST_NEEDS(NAME, NEEDS, DESCRIPTION)                                                 \
    static void keel_test_body_##NAME();                                                          \
    [[gnu::used, gnu::section("keel_tests")]] static const KeelTest keel_test_##NAME = {          \
        #NAME, DESCRIPTION, keel_test_body_##NAME, KeelNeeds::NEEDS};                             \
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
