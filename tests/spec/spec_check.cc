// ./keel spec-check: random system-call sequences on the kernel core and on the specification,
// compared after every step. On a divergence the sequence is shrunk and printed as a regression
// test; the exit status is then 1.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include "differential.h"

// Allocation stack traces are not needed to find a divergence, and recording them is most of the
// sanitizer's cost here.
extern "C" const char* __asan_default_options() { return "malloc_context_size=0:detect_leaks=0"; }

namespace {

struct Options {
    std::size_t steps = 200000;
    std::uint64_t seed = 1;
    std::size_t length = 400;  // steps per sequence (each from a fresh world)
};

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--steps")) o.steps = std::strtoull(argv[i + 1], nullptr, 0);
        else if (!std::strcmp(argv[i], "--seed")) o.seed = std::strtoull(argv[i + 1], nullptr, 0);
        else if (!std::strcmp(argv[i], "--length")) o.length = std::strtoull(argv[i + 1], nullptr, 0);
        else {
            std::fprintf(stderr, "usage: keel_spec_check [--steps N] [--seed S] [--length L]\n");
            std::exit(2);
        }
    }
    return o;
}

}  // namespace

int main(int argc, char** argv) {
    Options o = parse(argc, argv);
    auto start = std::chrono::steady_clock::now();
    std::size_t done = 0, sequences = 0;
    while (done < o.steps) {
        std::uint64_t seed = o.seed * 1000003 + sequences;
        std::vector<diff::Step> steps;
        diff::Outcome out = diff::explore(diff::random_source(seed), o.length, steps);
        done += out.steps ? out.steps : 1;
        sequences++;
        if (out.divergence.empty()) continue;
        std::printf("spec-check: divergence in sequence %zu (seed %llu) %s\n", sequences - 1,
                    static_cast<unsigned long long>(seed), out.divergence.c_str());
        auto small = diff::shrink(steps);
        diff::Outcome again = diff::run(small);
        std::printf("shrunk to %zu steps; as a regression test:\n\n%s\n", small.size(),
                    diff::as_regression_test(small, "Seed" + std::to_string(seed), again.divergence).c_str());
        std::printf("%s", again.divergence.c_str());
        return 1;
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("spec-check: %zu steps in %zu sequences (seed %llu), kernel and specification agree (%.1f s)\n", done,
                sequences, static_cast<unsigned long long>(o.seed), seconds);
    std::printf("spec-check: %s\n", diff::describe_arch_counts().c_str());
    return 0;
}
