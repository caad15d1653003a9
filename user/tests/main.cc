// Conformance-suite root task: runs every registered test in name order and prints TAP.
#include "keel_test.h"

extern "C" const KeelTest __start_keel_tests[], __stop_keel_tests[];

namespace {

int failures_in_current_test;
const char* skip_reason;  // of the running test, nullptr unless it called keel_test_skip

int compare_names(const char* a, const char* b) {
    while (*a && *a == *b) a++, b++;
    return static_cast<unsigned char>(*a) - static_cast<unsigned char>(*b);
}

// Insertion sort of test pointers by name: the section holds them in link order.
void sort_by_name(const KeelTest** tests, unsigned n) {
    for (unsigned i = 1; i < n; i++) {
        for (unsigned j = i; j > 0 && compare_names(tests[j - 1]->name, tests[j]->name) > 0; j--) {
            const KeelTest* t = tests[j];
            tests[j] = tests[j - 1];
            tests[j - 1] = t;
        }
    }
}

}  // namespace

void keel_test_skip(const char* why) { skip_reason = why; }

void keel_test_fail(const char* file, int line, const char* what) {
    keel_printf("# check failed at %s:%d: %s\n", file, line, what);
    failures_in_current_test++;
}

int main(seL4_BootInfo*) {
    constexpr unsigned max_tests = 1024;
    static const KeelTest* tests[max_tests];
    unsigned n = 0;
    for (const KeelTest* t = __start_keel_tests; t < __stop_keel_tests && n < max_tests; t++) tests[n++] = t;
    sort_by_name(tests, n);

    keel_printf("TAP version 13\n1..%u\n", n);
    unsigned failed = 0, skipped = 0;
    for (unsigned i = 0; i < n; i++) {
        keel_printf("# start %s\n", tests[i]->name);
        failures_in_current_test = 0;
        skip_reason = nullptr;
        tests[i]->run();
        // Tests may lower the root task's priority to let other threads run; each starts at the top.
        seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, seL4_MaxPrio);
        if (failures_in_current_test) {
            failed++;
        } else if (skip_reason) {
            skipped++;
        }
        bool skip = skip_reason && !failures_in_current_test;
        keel_printf("%s %u - %s %s%s%s\n", failures_in_current_test ? "not ok" : "ok", i + 1, tests[i]->name,
                    tests[i]->description, skip ? " # SKIP " : "", skip ? skip_reason : "");
    }
    keel_printf("# summary: %u passed, %u failed, %u skipped\n", n - failed - skipped, failed, skipped);
    return failed ? 1 : 0;
}
