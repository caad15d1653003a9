// The generator's architecture part (generator.cc uses it): the steps that need the arch's caps,
// labels, addresses and interrupt sources, defined in arch/<arch>/steps.cc, with what they remember
// of earlier steps; the arch's own helpers and memory come from its arch_steps.inc.
#pragma once
#include <array>
#include <utility>
#include "generated/invocations.h"
#include "random_steps.h"

namespace diff {

class ArchSteps {
public:
    explicit ArchSteps(Random& r) : r_(r) {}

    // A page both address spaces map from the start (unless since unmapped).
    static constexpr word mapped_page = 0x1000;

    // A slot holding one of the world's arch or IRQ caps.
    word slot();
    // An object type for Retype: mostly one there is, sometimes past the last.
    word object_type();
    // An invocation of a frame, paging structure, ASID or other arch cap.
    void vspace(Step& s);
    // IRQControl: Get and the arch's own issue invocations.
    void irq_control(Step& s);
    // A device interrupt, a user load or store.
    void interrupt(Step& s);
    void access(Step& s);

private:
    using Label = core::InvocationLabel;
    void args(Step& s, Label label, word length, word extra) { r_.info(s, static_cast<word>(label), length, extra); }
    // Frames of the world (49-52, the large page in 56, the IPC buffers) or copies, mostly.
    word frame_slot() {
        return r_.chance(75) ? r_.pick<word>({49, 50, 51, 52, 56, 16, 17}) : r_.chance(60) ? 18 + r_.below(30) : r_.slot();
    }
    void remember(word v) { recent_[next_recent_++ % recent_.size()] = v & ~word{0xfff}; }
    word vaddr();
    void frame_invocation(Step& s);
    void table_invocation(Step& s);

    Random& r_;
    std::array<word, 16> recent_{};  // pages recently mapped
    std::size_t next_recent_ = 0;
    std::array<word, 8> irqs_ = issued_irqs;  // IRQs recently issued
    std::size_t next_irq_ = 0;
#include "arch_steps.inc"
};

}  // namespace diff
