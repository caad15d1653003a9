// The result lines ./keel bench collects: statistics over the runs after the warm-up.
#include "report.h"
#include <keel/runtime.h>

namespace {

seL4_Word isqrt(seL4_Word n) {
    seL4_Word r = 0;
    while ((r + 1) * (r + 1) <= n) r++;
    return r;
}

void sort(seL4_Word* v, int n) {
    for (int i = 1; i < n; i++) {
        for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
            seL4_Word t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    }
}

}  // namespace

void bench::report_runs(const char* name, const char* size_name, seL4_Word size, seL4_Word* costs, int skip, int n) {
    seL4_Word* v = costs + skip;
    sort(v, n);
    seL4_Word sum = 0, squares = 0;
    for (int i = 0; i < n; i++) sum += v[i];
    seL4_Word mean = sum / n;
    for (int i = 0; i < n; i++) squares += (v[i] - mean) * (v[i] - mean);
    keel_printf("BENCH {\"name\": \"%s\", \"%s\": %lu, \"runs\": %d, \"min\": %lu, \"median\": %lu, "
                "\"mean\": %lu, \"stddev\": %lu, \"max\": %lu}\n",
                name, size_name, size, n, v[0], v[n / 2], mean, isqrt(squares / n), v[n - 1]);
}
