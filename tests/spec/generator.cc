// Random step sequences for the differential driver, shrinking a diverging sequence, and
// printing it as a regression test.
#include <memory>
#include <random>
#include <sstream>
#include "differential.h"
#include "generated/invocations.h"

namespace diff {
namespace {

using Label = core::InvocationLabel;

constexpr std::int64_t Call = -1, ReplyRecv = -2, Send = -3, NBSend = -4, Recv = -5, Reply = -6, Yield = -7,
                       NBRecv = -8, DebugHalt = -11, DebugCapIdentify = -12, DebugNameThread = -14, SetTLSBase = -30;

class Generator {
public:
    explicit Generator(std::uint64_t seed) : rng_(seed) {}

    Step next(bool alone) {
        Step s = any();
        if (alone && chance(90)) dont_block(s);
        return s;
    }

private:
    // The last runnable thread mostly takes the non-blocking form of a call, and makes no call
    // that would fault (a fault blocks it, or stops it).
    static void dont_block(Step& s) {
        bool world_object = s.cptr >= 1 && s.cptr <= 17 && s.cptr != 10 && s.cptr != 11;
        switch (s.syscall) {
        case Recv: s.syscall = NBRecv; return;
        case ReplyRecv: s.syscall = Reply; return;
        case Send: s.syscall = NBSend; return;
        case Call:
            if (!world_object) s.syscall = NBSend;
            return;
        case Reply: case NBSend: case NBRecv: case Yield: case DebugCapIdentify: case SetTLSBase: return;
        default: s.syscall = Yield; return;  // an unknown number
        }
    }

    Step any() {
        Step s;
        s.preempt = chance(10);
        unsigned roll = below(100);
        if (roll < 4) {
            s.tick = true;
        } else if (roll < 6) {
            s.syscall = chance(50) ? -static_cast<std::int64_t>(9 + below(40)) : static_cast<std::int64_t>(below(8));
            if (s.syscall == DebugHalt || s.syscall == DebugNameThread) s.syscall = Yield;  // they stop the machine
        } else if (roll < 9) {
            s.syscall = Yield;
        } else if (roll < 11) {
            s.syscall = DebugCapIdentify;
            s.cptr = slot();
        } else if (roll < 12) {
            s.syscall = SetTLSBase;
            s.cptr = chance(80) ? below(1 << 20) : value();
        } else if (roll < 20) {
            receive(s, chance(60) ? Recv : NBRecv);
        } else if (roll < 24) {
            s.syscall = Reply;
            message(s, below(4), below(6));
        } else if (roll < 31) {
            receive(s, ReplyRecv);
            message(s, below(4), below(6));
        } else {
            s.syscall = roll < 85 ? Call : roll < 93 ? Send : NBSend;
            invocation(s);
        }
        return s;
    }

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

    void info(Step& s, word label, word length, word extra) {
        word unwrapped = chance(5) ? below(8) : 0;
        if (chance(5)) length = below(128);
        s.info = (label << 12) | (unwrapped << 9) | ((extra & 3) << 7) | (length & 0x7f);
    }

    void message(Step& s, word extra, word length) {
        info(s, chance(80) ? below(4) : below(64), length, extra);
        for (word& w : s.words) w = chance(80) ? below(16) : value();
        for (word& c : s.caps) c = slot();
        if (chance(50)) s.receive = {2, 18 + below(24), chance(90) ? 64 : below(70)};
    }

    void receive(Step& s, std::int64_t number) {
        s.syscall = number;
        s.cptr = chance(85) ? pick<word>({10, 11, 12}) : slot();
        if (chance(60)) s.receive = {2, 18 + below(24), 64};
    }

    void invocation(Step& s) {
        unsigned kind = below(100);
        if (kind < 30) {
            s.cptr = chance(85) ? pick<word>({10, 11, 12}) : slot();
            message(s, below(4), below(9));
        } else if (kind < 55) {
            cnode(s);
        } else if (kind < 70) {
            retype(s);
        } else if (kind < 87) {
            tcb(s);
        } else if (kind < 90) {
            domain(s);
        } else {
            s.cptr = slot();
            message(s, below(4), below(9));
            s.info = (below(60) << 12) | (s.info & 0xfff);
        }
    }

    void args(Step& s, Label label, word length, word extra) {
        info(s, static_cast<word>(label), length, extra);
    }

    void cnode(Step& s) {
        bool child = chance(15);  // the 16-slot CNode in slot 13, addressed with 4 bits
        s.cptr = child ? 13 : 2;
        auto label = static_cast<Label>(static_cast<word>(Label::CNodeRevoke) + below(9));
        word dest = child ? below(16) : (chance(60) ? 18 + below(24) : slot());
        word depth = chance(92) ? (child ? 4 : 64) : below(70);
        s.words = {dest, depth, slot(), chance(95) ? 64 : below(70), chance(70) ? 15 : below(16),
                   chance(50) ? 1 + below(3) : value(), 0, 0};
        s.caps = {2, 2, 0};
        if (label == Label::CNodeMutate || label == Label::CNodeMint) {
            if (chance(30)) s.words[label == Label::CNodeMint ? 5 : 4] = (below(8) << 6) | below(8);
        }
        if (label == Label::CNodeRotate) {
            // dest <- src (words 6, 7), src <- pivot (words 3, 4), new data in words 2 and 5
            s.words = {dest, depth, below(4), slot(), 64, below(4), slot(), 64};
        }
        word length = label == Label::CNodeRotate ? 8 : label == Label::CNodeMint ? 6 : label == Label::CNodeCopy || label == Label::CNodeMutate ? 5 : label == Label::CNodeMove ? 4 : 2;
        args(s, label, length, label == Label::CNodeRotate ? 2 : 1);
    }

    void retype(Step& s) {
        s.cptr = chance(85) ? 1 : slot();
        word type = pick<word>({0, 1, 2, 2, 3, 3, 4, 4, 8, 8, 10, 6, 7});
        if (chance(5)) type = below(14);
        word size = type == 0 ? 4 + below(14) : type == 4 ? below(6) : below(3);
        bool child = chance(15);
        s.words = {type, chance(95) ? size : value(), word{child ? 13u : 0u}, word{child ? 64u : 0u},
                   child ? below(16) : 18 + below(30), 1 + below(3), 0, 0};
        s.caps = {2, 0, 0};
        args(s, Label::UntypedRetype, 6, 1);
    }

    void domain(Step& s) {
        s.cptr = chance(90) ? 3 : slot();
        auto label = static_cast<Label>(static_cast<word>(Label::DomainSetSet) + below(3));
        s.words = {below(3), below(3), chance(70) ? below(100) : value(), 0, 0, 0, 0, 0};
        s.caps = {pick<word>({14, 15, 4, 12}), 0, 0};
        args(s, label, label == Label::DomainScheduleConfigure ? 3 : 1, 1);
    }

    void tcb(Step& s) {
        s.cptr = chance(85) ? pick<word>({14, 15, 4}) : slot();
        auto label = static_cast<Label>(static_cast<word>(Label::TCBReadRegisters) + below(15));
        for (word& w : s.words) w = chance(70) ? below(256) : value();
        s.caps = {pick<word>({14, 15, 12, 16, 17, 2}), slot(), slot()};
        word length = 1 + below(8);
        switch (label) {
        case Label::TCBReadRegisters: s.words[1] = chance(80) ? 1 + below(20) : value(); length = 2; break;
        case Label::TCBWriteRegisters: s.words[1] = below(7); length = 2 + s.words[1]; break;
        case Label::TCBSetPriority: case Label::TCBSetMCPriority: case Label::TCBSetSchedParams:
            s.words[0] = 80 + below(50);
            s.words[1] = 80 + below(50);
            s.caps[0] = pick<word>({14, 15, 4, 12});
            length = 2;
            break;
        case Label::TCBSetIPCBuffer: s.words[0] = pick<word>({0, 0x400, 0x800, 0x1000, 0x10, below(1 << 16)}); break;
        case Label::TCBBindNotification: s.caps[0] = chance(80) ? 12 : slot(); break;
        default: break;
        }
        args(s, label, length, 1 + below(3));
    }

    std::mt19937_64 rng_;
};

}  // namespace

StepSource random_source(std::uint64_t seed) {
    auto g = std::make_shared<Generator>(seed);
    return [g](bool alone) { return g->next(alone); };
}

// Delta debugging: drop runs of steps, halving their length, while the sequence still diverges.
std::vector<Step> shrink(std::vector<Step> steps) {
    Outcome first = run(steps);
    if (first.divergence.empty()) return steps;
    steps.resize(first.steps);
    for (std::size_t chunk = steps.size() / 2; chunk >= 1; chunk /= 2) {
        for (std::size_t at = 0; at + chunk <= steps.size();) {
            std::vector<Step> fewer(steps.begin(), steps.begin() + static_cast<std::ptrdiff_t>(at));
            fewer.insert(fewer.end(), steps.begin() + static_cast<std::ptrdiff_t>(at + chunk), steps.end());
            Outcome o = run(fewer);
            if (!o.divergence.empty()) {
                fewer.resize(o.steps);
                steps = fewer;
            } else {
                at += chunk;
            }
        }
    }
    return steps;
}

std::string as_regression_test(const std::vector<Step>& steps, const std::string& name, const std::string& divergence) {
    std::ostringstream o;
    o << "// Diverged " << divergence.substr(0, divergence.find('\n')) << "\n";
    o << "TEST(SpecRegression, " << name << ") {\n    expect_agreement({\n" << std::hex;
    for (const Step& s : steps) {
        if (s.tick) {
            o << "        {.tick = true},\n";
            continue;
        }
        o << "        {.syscall = " << std::dec << s.syscall << std::hex << ", .cptr = 0x" << s.cptr << ", .info = 0x"
          << s.info << ", .words = {";
        for (std::size_t i = 0; i < s.words.size(); i++) o << (i ? ", " : "") << "0x" << s.words[i];
        o << "}, .caps = {0x" << s.caps[0] << ", 0x" << s.caps[1] << ", 0x" << s.caps[2] << "}, .receive = {0x"
          << s.receive[0] << ", 0x" << s.receive[1] << ", 0x" << s.receive[2] << "}"
          << (s.preempt ? ", .preempt = true" : "") << "},\n";
    }
    o << "    });\n}\n";
    return o.str();
}

}  // namespace diff
