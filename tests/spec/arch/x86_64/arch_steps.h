// The x86_64 steps of the generator (generator.cc takes them by this name): paging, ASID and I/O
// port invocations of the world's caps, IRQControl with GetIOAPIC and GetMSI, device interrupts
// from I/O APIC pins and MSIs, and user loads and stores at recently mapped addresses.
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

    // A slot holding one of the world's x86_64 or IRQ caps.
    word slot();
    // An object type for Retype: mostly one there is, sometimes past the last.
    word object_type();
    // An invocation of a frame, paging structure, ASID or I/O port cap.
    void vspace(Step& s);
    // IRQControl: Get, GetIOAPIC and GetMSI.
    void irq_control(Step& s);
    // A device interrupt, a user load or store.
    void interrupt(Step& s);
    void access(Step& s);

private:
    using Label = core::InvocationLabel;
    void args(Step& s, Label label, word length, word extra) { r_.info(s, static_cast<word>(label), length, extra); }
    word frame_slot();
    word pml4_slot();
    word vaddr();
    void remember(word v);
    void frame_invocation(Step& s);
    void table_invocation(Step& s);
    word port();
    void io_port(Step& s);
    word irq_offset();
    word small_or_any(word n, word over);
    static std::array<std::pair<word, word>, 8> routed_pins();

    Random& r_;
    std::array<word, 16> recent_{};
    std::size_t next_recent_ = 0;
    std::array<word, 8> irqs_{16, 17, 18, 19, 20, 21, 22, 23};      // IRQs issued
    std::array<std::pair<word, word>, 8> pins_ = routed_pins();      // (I/O APIC, pin) routed
    std::size_t next_irq_ = 0, next_pin_ = 0;
};

}  // namespace diff
