// The riscv64 steps of the generator (generator.cc takes them by this name): Sv39 frame and page
// table invocations, ASID control and pool invocations, IRQControl with IssueIRQHandlerTrigger,
// device interrupts from PLIC sources, and user loads and stores at recently mapped addresses.
#pragma once
#include <array>
#include "generated/invocations.h"
#include "random_steps.h"

namespace diff {

class ArchSteps {
public:
    explicit ArchSteps(Random& r) : r_(r) {}

    // A page both address spaces map from the start (unless since unmapped).
    static constexpr word mapped_page = 0x1000;

    // A slot holding one of the world's riscv64 or IRQ caps.
    word slot();
    // An object type for Retype: mostly one there is, sometimes past the last.
    word object_type();
    // An invocation of a frame, page table or ASID cap.
    void vspace(Step& s);
    // IRQControl: Get and IssueIRQHandlerTrigger.
    void irq_control(Step& s);
    // A device interrupt, a user load or store.
    void interrupt(Step& s);
    void access(Step& s);

private:
    using Label = core::InvocationLabel;
    void args(Step& s, Label label, word length, word extra) { r_.info(s, static_cast<word>(label), length, extra); }
    word frame_slot();
    word root_slot();
    word vaddr();
    void remember(word v);
    void frame_invocation(Step& s);
    void table_invocation(Step& s);
    word irq();

    Random& r_;
    std::array<word, 16> recent_{};
    std::size_t next_recent_ = 0;
    std::array<word, 8> irqs_{10, 11, 1, 2, 3, 4, 5, 6};  // IRQs issued
    std::size_t next_irq_ = 0;
};

}  // namespace diff
