// The random choices the step generator makes (generator.cc), shared with the architecture's
// part (arch/<arch>/arch_steps.h): numbers, the world's slots, message info and message words.
#pragma once
#include <initializer_list>
#include <random>
#include "differential.h"

namespace diff {

class Random {
public:
    explicit Random(std::uint64_t seed) : rng_(seed) {}

    bool chance(unsigned percent) { return below(100) < percent; }
    word below(word n) { return std::uniform_int_distribution<word>(0, n - 1)(rng_); }
    word value() { return rng_(); }
    template <typename T>
    T pick(std::initializer_list<T> options) { return options.begin()[below(options.size())]; }

    // Mostly the world's own objects and the slots caps get copied to; sometimes anything.
    word slot() {
        unsigned r = below(100);
        if (r < 55) return 1 + below(17);
        if (r < 90) return 18 + below(24);
        if (r < 97) return below(256);
        return value();
    }

    // The IRQ handler slots 62-69 (the world issues its handler caps there).
    word irq_slot() { return 62 + below(8); }

    // The message info word: mostly as given, sometimes with caps unwrapped or any length.
    void info(Step& s, word label, word length, word extra) {
        word unwrapped = chance(5) ? below(8) : 0;
        if (chance(5)) length = below(128);
        s.info = (label << 12) | (unwrapped << 9) | ((extra & 3) << 7) | (length & 0x7f);
    }

    // A message with a small label, small or random words and extra caps of the world.
    void message(Step& s, word extra, word length) {
        info(s, chance(80) ? below(4) : below(64), length, extra);
        for (word& w : s.words) w = chance(80) ? below(16) : value();
        for (word& c : s.caps) c = slot();
        if (chance(50)) s.receive = {2, 18 + below(24), chance(90) ? 64 : below(70)};
    }

private:
    std::mt19937_64 rng_;
};

}  // namespace diff
