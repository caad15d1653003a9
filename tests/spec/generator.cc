// Random step sequences for the differential driver, shrinking a diverging sequence, and
// printing it as a regression test.
#include <array>
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
        if (s.access) {  // at the page both address spaces map from the start (unless since unmapped)
            s.vaddr = 0x1000 + (s.vaddr & 0xff8);
            return;
        }
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
        } else if (roll >= 96) {
            access(s);
        } else if (roll >= 94) {
            interrupt(s);
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
            s.syscall = roll < 82 ? Call : roll < 88 ? Send : NBSend;
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
        } else if (kind < 48) {
            cnode(s);
        } else if (kind < 58) {
            retype(s);
        } else if (kind < 70) {
            tcb(s);
        } else if (kind < 72) {
            domain(s);
        } else if (kind < 84) {
            vspace(s);
        } else if (kind < 96) {
            irq(s);
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
        word dest = child ? below(16) : (chance(60) ? 18 + below(24) : chance(20) ? irq_slot() : chance(30) ? arch_slot() : slot());
        word depth = chance(92) ? (child ? 4 : 64) : below(70);
        s.words = {dest, depth, chance(90) ? slot() : irq_slot(), chance(95) ? 64 : below(70), chance(70) ? 15 : below(16),
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
        s.cptr = chance(75) ? 1 : chance(40) ? 9 : slot();
        word type = pick<word>({0, 1, 2, 2, 3, 3, 4, 4, 8, 8, 10, 6, 7, 5, 11, 9, 8, 10});
        if (chance(5)) type = below(14);
        word size = type == 0 ? 4 + below(14) : type == 4 ? below(6) : below(3);
        bool child = chance(15);
        s.words = {type, chance(95) ? size : value(), word{child ? 13u : 0u}, word{child ? 64u : 0u},
                   child ? below(16) : 18 + below(30), 1 + below(3), 0, 0};
        s.caps = {2, 0, 0};
        args(s, Label::UntypedRetype, 6, 1);
    }

    // ---- x86_64 address spaces (see differential.cc for the world's slots)

    word arch_slot() { return pick<word>({6, 7, 8, 9, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 65, 69}); }
    word frame_slot() { return chance(75) ? pick<word>({49, 50, 51, 52, 56, 16, 17}) : chance(60) ? 18 + below(30) : slot(); }
    word pml4_slot() { return chance(85) ? pick<word>({8, 48}) : chance(50) ? 18 + below(30) : slot(); }

    // Addresses near the boundaries that matter: the first pages, 2 MiB, 1 GiB and 512 GiB
    // multiples, the top of user space; sometimes unaligned, sometimes anything.
    word vaddr() {
        static constexpr word bounds[] = {0, word{1} << 21, word{1} << 30, word{1} << 39, 0x7fffffe00000,
                                          0x7fffc0000000, 0x7ffffffff000, 0x800000000000};
        unsigned r = below(100);
        word v;
        if (r < 45) v = (below(16) << 12) + (chance(30) ? below(4) << 21 : 0);
        else if (r < 80) v = bounds[below(std::size(bounds))] + (below(5) - 2) * (chance(70) ? 4096 : word{1} << 21);
        else if (r < 92) v = value() & 0x7ffffffff000;
        else v = value();
        if (chance(8)) v += below(4096);
        return v;
    }

    void remember(word v) {
        recent_[next_recent_++ % recent_.size()] = v & ~word{0xfff};
    }

    void frame_invocation(Step& s) {
        s.cptr = frame_slot();
        auto label = pick<Label>({Label::X86PageMap, Label::X86PageMap, Label::X86PageMap, Label::X86PageUnmap,
                                  Label::X86PageGetAddress});
        word v = vaddr();
        if (label == Label::X86PageMap) remember(v);
        s.words = {v, chance(80) ? pick<word>({3, 3, 2, 1, 0}) : value(), chance(70) ? 0 : below(8), 0, 0, 0, 0, 0};
        s.caps = {pml4_slot(), 0, 0};
        bool map = label == Label::X86PageMap;
        args(s, label, map ? (chance(95) ? 3 : below(3)) : 0, map ? 1 : 0);
    }

    // PageTable, PageDirectory and PDPT: the label mostly matches the type in the slot.
    void table_invocation(Step& s) {
        static constexpr word slots[] = {53, 59, 54, 57, 55, 58};  // PT, PT, PD, PD, PDPT, PDPT
        static constexpr Label maps[] = {Label::X86PageTableMap, Label::X86PageDirectoryMap, Label::X86PDPTMap};
        unsigned i = static_cast<unsigned>(below(6));
        s.cptr = chance(80) ? slots[i] : chance(60) ? 18 + below(30) : slot();
        word kind = chance(85) ? i / 2 : below(3);
        bool map = chance(75);
        Label label = static_cast<Label>(static_cast<word>(maps[kind]) + (map ? 0 : 1));
        s.words = {vaddr(), chance(80) ? 0 : below(8), 0, 0, 0, 0, 0, 0};
        s.caps = {pml4_slot(), 0, 0};
        args(s, label, map ? (chance(95) ? 2 : below(2)) : 0, map ? 1 : 0);
    }

    void vspace(Step& s) {
        unsigned k = below(100);
        if (k < 45) {
            frame_invocation(s);
        } else if (k < 75) {
            table_invocation(s);
        } else if (k < 82) {
            s.cptr = chance(90) ? 5 : slot();
            s.words = {chance(70) ? 18 + below(30) : slot(), chance(90) ? 64 : below(70), 0, 0, 0, 0, 0, 0};
            s.caps = {chance(60) ? 6 : chance(50) ? 18 + below(30) : slot(), 2, 0};
            args(s, Label::X86ASIDControlMakePool, 2, 2);
        } else if (k < 89) {
            io_port(s);
        } else if (k < 95) {
            s.cptr = chance(85) ? 7 : slot();
            s.caps = {chance(50) ? pick<word>({8, 48}) : 18 + below(30), 0, 0};
            args(s, Label::X86ASIDPoolAssign, 0, chance(95) ? 1 : 0);
        } else {
            s.cptr = chance(50) ? arch_slot() : slot();
            message(s, below(4), below(4));
            s.info = ((static_cast<word>(Label::X86PDPTMap) + below(20)) << 12) | (s.info & 0xfff);
        }
    }

    word port() { return chance(80) ? pick<word>({0, 0x60, 0x3f8, 0xfff8, 0xffff}) + below(12) : value(); }

    // IOPortControl_Issue of overlapping ranges, and In/Out on the issued caps (slots 18-47).
    void io_port(Step& s) {
        if (chance(40)) {
            s.cptr = chance(90) ? 60 : slot();
            word first = port();
            s.words = {first, chance(80) ? first + below(8) - 1 : port(), 18 + below(30), chance(90) ? 64 : below(70),
                       0, 0, 0, 0};
            s.caps = {2, 0, 0};
            args(s, Label::X86IOPortControlIssue, chance(95) ? 4 : below(4), 1);
            return;
        }
        s.cptr = chance(80) ? 18 + below(30) : slot();
        auto label = static_cast<Label>(static_cast<word>(Label::X86IOPortIn8) + below(6));
        s.words = {port(), value(), 0, 0, 0, 0, 0, 0};
        args(s, label, below(3), 0);
    }

    // ---- interrupts: IRQ control in slot 61, handler caps issued mostly to slots 62-69

    word irq_slot() { return 62 + below(8); }

    // The IRQ word of GetIOAPIC and GetMSI (an offset from IRQ 16): often a few, so IRQs are
    // taken twice; sometimes past the last (107) or anything.
    word irq_offset() {
        unsigned r = below(100);
        if (r < 40) return below(4);
        if (r < 90) return below(108);
        if (r < 96) return 105 + below(6);
        return value();
    }
    word small_or_any(word n, word over) { return chance(96) ? below(n) : chance(70) ? n + below(over) : value(); }

    void irq_control(Step& s) {
        s.cptr = chance(90) ? 61 : slot();
        unsigned r = below(100);
        auto label = r < 45 ? Label::X86IRQIssueIRQHandlerIOAPIC : r < 85 ? Label::X86IRQIssueIRQHandlerMSI
                     : r < 95 ? Label::IRQIssueIRQHandler : static_cast<Label>(below(60));
        word dest = chance(75) ? irq_slot() : chance(70) ? 18 + below(30) : slot(), depth = chance(92) ? 64 : below(70);
        word offset = irq_offset();
        if (label == Label::X86IRQIssueIRQHandlerIOAPIC) {
            word ioapic = small_or_any(2, 2), pin = small_or_any(24, 4);
            s.words = {dest, depth, ioapic, pin, small_or_any(2, 2), small_or_any(2, 2), offset, 0};
            pins_[next_pin_++ % pins_.size()] = {ioapic, pin};
        } else if (label == Label::X86IRQIssueIRQHandlerMSI) {
            s.words = {dest, depth, small_or_any(256, 4), small_or_any(32, 4), small_or_any(8, 4), value(), offset, 0};
        } else {
            s.words = {chance(80) ? below(130) : value(), dest, depth, 0, 0, 0, 0, 0};
        }
        if (offset < 108) irqs_[next_irq_++ % irqs_.size()] = offset + 16;
        s.caps = {chance(90) ? 2 : slot(), 0, 0};
        word length = label == Label::IRQIssueIRQHandler ? 3 : 7;
        args(s, label, chance(93) ? length : below(length), chance(95) ? 1 : 0);
    }

    // Ack, SetNotification (the notification of slot 12, copies of it with fewer rights in
    // 18-47, or other caps) and Clear on handler caps.
    void irq_handler(Step& s) {
        s.cptr = chance(75) ? irq_slot() : chance(50) ? 18 + below(30) : slot();
        unsigned r = below(100);
        auto label = r < 35 ? Label::IRQAckIRQ : r < 75 ? Label::IRQSetIRQHandler : r < 95 ? Label::IRQClearIRQHandler
                     : static_cast<Label>(below(60));
        s.caps = {chance(60) ? 12 : chance(50) ? 18 + below(30) : slot(), 0, 0};
        args(s, label, 0, label == Label::IRQSetIRQHandler && chance(95) ? 1 : 0);
    }

    void irq(Step& s) {
        if (chance(45)) irq_control(s);
        else irq_handler(s);
    }

    // The world routes pin 4 of I/O APIC 0 from the start.
    static std::array<std::pair<word, word>, 8> routed_pins() {
        std::array<std::pair<word, word>, 8> pins;
        pins.fill({0, 4});
        return pins;
    }

    // A device interrupt: a pin recently routed (or any pin), or an MSI to a recently issued
    // IRQ's vector (or any IRQ's).
    void interrupt(Step& s) {
        s.interrupt = true;
        s.msi = chance(40);
        if (s.msi) {
            s.vector = 32 + (chance(80) ? irqs_[below(irqs_.size())] : below(124));
            return;
        }
        auto [ioapic, pin] = pins_[below(pins_.size())];
        if (chance(20) || ioapic >= 2 || pin >= (ioapic ? 16u : 24u)) {
            ioapic = below(2);
            pin = below(ioapic ? 16 : 24);
        }
        s.ioapic = ioapic;
        s.pin = pin;
    }

    // A user load or store at a recently mapped page (or anywhere).
    void access(Step& s) {
        s.access = true;
        s.write = chance(50);
        unsigned r = below(100);
        word v = r < 50 ? 0x1000 : r < 85 ? recent_[below(recent_.size())] : vaddr();
        s.vaddr = (v & ~word{0xfff}) + below(512) * 8;
        if (s.vaddr >> 47 && ~s.vaddr >> 47) s.vaddr |= ~word{0} << 47;  // canonical: else a #GP, not a page fault
        s.value = value();
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
    std::array<word, 16> recent_{};
    std::size_t next_recent_ = 0;
    std::array<word, 8> irqs_{16, 17, 18, 19, 20, 21, 22, 23};      // IRQs issued
    std::array<std::pair<word, word>, 8> pins_ = routed_pins();      // (I/O APIC, pin) routed
    std::size_t next_irq_ = 0, next_pin_ = 0;
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
        if (s.access) {
            o << "        {.access = true, .write = " << (s.write ? "true" : "false") << ", .vaddr = 0x" << s.vaddr
              << ", .value = 0x" << s.value << "},\n";
            continue;
        }
        if (s.interrupt) {
            o << "        {.interrupt = true, .msi = " << (s.msi ? "true" : "false") << ", .ioapic = 0x" << s.ioapic
              << ", .pin = 0x" << s.pin << ", .vector = 0x" << s.vector << "},\n";
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
