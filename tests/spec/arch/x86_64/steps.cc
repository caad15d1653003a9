// The x86_64 steps of the generator (arch_steps.h).
#include "arch_steps.h"

namespace diff {

word ArchSteps::slot() { return r_.pick<word>({6, 7, 8, 9, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 65, 69}); }
word ArchSteps::object_type() {
    word type = r_.pick<word>({0, 1, 2, 2, 3, 3, 4, 4, 8, 8, 10, 6, 7, 5, 11, 9, 8, 10});
    if (r_.chance(5)) type = r_.below(14);
    return type;
}

word ArchSteps::pml4_slot() { return r_.chance(85) ? r_.pick<word>({8, 48}) : r_.chance(50) ? 18 + r_.below(30) : r_.slot(); }

// Addresses near the boundaries that matter: the first pages, 2 MiB, 1 GiB and 512 GiB
// multiples, the top of user space; sometimes unaligned, sometimes anything.
word ArchSteps::vaddr() {
    static constexpr word bounds[] = {0, word{1} << 21, word{1} << 30, word{1} << 39, 0x7fffffe00000,
                                      0x7fffc0000000, 0x7ffffffff000, 0x800000000000};
    unsigned r = r_.below(100);
    word v;
    if (r < 45) v = (r_.below(16) << 12) + (r_.chance(30) ? r_.below(4) << 21 : 0);
    else if (r < 80) v = bounds[r_.below(std::size(bounds))] + (r_.below(5) - 2) * (r_.chance(70) ? 4096 : word{1} << 21);
    else if (r < 92) v = r_.value() & 0x7ffffffff000;
    else v = r_.value();
    if (r_.chance(8)) v += r_.below(4096);
    return v;
}

void ArchSteps::frame_invocation(Step& s) {
    s.cptr = frame_slot();
    auto label = r_.pick<Label>({Label::X86PageMap, Label::X86PageMap, Label::X86PageMap, Label::X86PageUnmap,
                              Label::X86PageGetAddress});
    word v = vaddr();
    if (label == Label::X86PageMap) remember(v);
    s.words = {v, r_.chance(80) ? r_.pick<word>({3, 3, 2, 1, 0}) : r_.value(), r_.chance(70) ? 0 : r_.below(8), 0, 0, 0, 0, 0};
    s.caps = {pml4_slot(), 0, 0};
    bool map = label == Label::X86PageMap;
    args(s, label, map ? (r_.chance(95) ? 3 : r_.below(3)) : 0, map ? 1 : 0);
}

// PageTable, PageDirectory and PDPT: the label mostly matches the type in the slot.
void ArchSteps::table_invocation(Step& s) {
    static constexpr word slots[] = {53, 59, 54, 57, 55, 58};  // PT, PT, PD, PD, PDPT, PDPT
    static constexpr Label maps[] = {Label::X86PageTableMap, Label::X86PageDirectoryMap, Label::X86PDPTMap};
    unsigned i = static_cast<unsigned>(r_.below(6));
    s.cptr = r_.chance(80) ? slots[i] : r_.chance(60) ? 18 + r_.below(30) : r_.slot();
    word kind = r_.chance(85) ? i / 2 : r_.below(3);
    bool map = r_.chance(75);
    Label label = static_cast<Label>(static_cast<word>(maps[kind]) + (map ? 0 : 1));
    s.words = {vaddr(), r_.chance(80) ? 0 : r_.below(8), 0, 0, 0, 0, 0, 0};
    s.caps = {pml4_slot(), 0, 0};
    args(s, label, map ? (r_.chance(95) ? 2 : r_.below(2)) : 0, map ? 1 : 0);
}

void ArchSteps::vspace(Step& s) {
    unsigned k = r_.below(100);
    if (k < 45) {
        frame_invocation(s);
    } else if (k < 75) {
        table_invocation(s);
    } else if (k < 82) {
        s.cptr = r_.chance(90) ? 5 : r_.slot();
        s.words = {r_.chance(70) ? 18 + r_.below(30) : r_.slot(), r_.chance(90) ? 64 : r_.below(70), 0, 0, 0, 0, 0, 0};
        s.caps = {r_.chance(60) ? 6 : r_.chance(50) ? 18 + r_.below(30) : r_.slot(), 2, 0};
        args(s, Label::X86ASIDControlMakePool, 2, 2);
    } else if (k < 89) {
        io_port(s);
    } else if (k < 95) {
        s.cptr = r_.chance(85) ? 7 : r_.slot();
        s.caps = {r_.chance(50) ? r_.pick<word>({8, 48}) : 18 + r_.below(30), 0, 0};
        args(s, Label::X86ASIDPoolAssign, 0, r_.chance(95) ? 1 : 0);
    } else {
        s.cptr = r_.chance(50) ? slot() : r_.slot();
        r_.message(s, r_.below(4), r_.below(4));
        s.info = ((static_cast<word>(Label::X86PDPTMap) + r_.below(20)) << 12) | (s.info & 0xfff);
    }
}

word ArchSteps::port() { return r_.chance(80) ? r_.pick<word>({0, 0x60, 0x3f8, 0xfff8, 0xffff}) + r_.below(12) : r_.value(); }

// IOPortControl_Issue of overlapping ranges, and In/Out on the issued caps (slots 18-47).
void ArchSteps::io_port(Step& s) {
    if (r_.chance(40)) {
        s.cptr = r_.chance(90) ? 60 : r_.slot();
        word first = port();
        s.words = {first, r_.chance(80) ? first + r_.below(8) - 1 : port(), 18 + r_.below(30), r_.chance(90) ? 64 : r_.below(70),
                   0, 0, 0, 0};
        s.caps = {2, 0, 0};
        args(s, Label::X86IOPortControlIssue, r_.chance(95) ? 4 : r_.below(4), 1);
        return;
    }
    s.cptr = r_.chance(80) ? 18 + r_.below(30) : r_.slot();
    auto label = static_cast<Label>(static_cast<word>(Label::X86IOPortIn8) + r_.below(6));
    s.words = {port(), r_.value(), 0, 0, 0, 0, 0, 0};
    args(s, label, r_.below(3), 0);
}

// The IRQ word of GetIOAPIC and GetMSI (an offset from IRQ 16): often a few, so IRQs are
// taken twice; sometimes past the last (107) or anything.
word ArchSteps::irq_offset() {
    unsigned r = r_.below(100);
    if (r < 40) return r_.below(4);
    if (r < 90) return r_.below(108);
    if (r < 96) return 105 + r_.below(6);
    return r_.value();
}
word ArchSteps::small_or_any(word n, word over) { return r_.chance(96) ? r_.below(n) : r_.chance(70) ? n + r_.below(over) : r_.value(); }

void ArchSteps::irq_control(Step& s) {
    s.cptr = r_.chance(90) ? 61 : r_.slot();
    unsigned r = r_.below(100);
    auto label = r < 45 ? Label::X86IRQIssueIRQHandlerIOAPIC : r < 85 ? Label::X86IRQIssueIRQHandlerMSI
                 : r < 95 ? Label::IRQIssueIRQHandler : static_cast<Label>(r_.below(60));
    word dest = r_.chance(75) ? r_.irq_slot() : r_.chance(70) ? 18 + r_.below(30) : r_.slot(), depth = r_.chance(92) ? 64 : r_.below(70);
    word offset = irq_offset();
    if (label == Label::X86IRQIssueIRQHandlerIOAPIC) {
        word ioapic = small_or_any(2, 2), pin = small_or_any(24, 4);
        s.words = {dest, depth, ioapic, pin, small_or_any(2, 2), small_or_any(2, 2), offset, 0};
        pins_[next_pin_++ % pins_.size()] = {ioapic, pin};
    } else if (label == Label::X86IRQIssueIRQHandlerMSI) {
        s.words = {dest, depth, small_or_any(256, 4), small_or_any(32, 4), small_or_any(8, 4), r_.value(), offset, 0};
    } else {
        s.words = {r_.chance(80) ? r_.below(130) : r_.value(), dest, depth, 0, 0, 0, 0, 0};
    }
    if (offset < 108) irqs_[next_irq_++ % irqs_.size()] = offset + 16;
    s.caps = {r_.chance(90) ? 2 : r_.slot(), 0, 0};
    word length = label == Label::IRQIssueIRQHandler ? 3 : 7;
    args(s, label, r_.chance(93) ? length : r_.below(length), r_.chance(95) ? 1 : 0);
}

// The world routes pin 4 of I/O APIC 0 from the start.
std::array<std::pair<word, word>, 8> ArchSteps::routed_pins() {
    std::array<std::pair<word, word>, 8> pins;
    pins.fill({0, 4});
    return pins;
}

// A device interrupt: a pin recently routed (or any pin), or an MSI to a recently issued
// IRQ's vector (or any IRQ's).
void ArchSteps::interrupt(Step& s) {
    s.interrupt = true;
    s.msi = r_.chance(40);
    if (s.msi) {
        s.vector = 32 + (r_.chance(80) ? irqs_[r_.below(irqs_.size())] : r_.below(124));
        return;
    }
    auto [ioapic, pin] = pins_[r_.below(pins_.size())];
    if (r_.chance(20) || ioapic >= 2 || pin >= (ioapic ? 16u : 24u)) {
        ioapic = r_.below(2);
        pin = r_.below(ioapic ? 16 : 24);
    }
    s.ioapic = ioapic;
    s.pin = pin;
}

// A user load or store at a recently mapped page (or anywhere).
void ArchSteps::access(Step& s) {
    s.access = true;
    s.write = r_.chance(50);
    unsigned r = r_.below(100);
    word v = r < 50 ? mapped_page : r < 85 ? recent_[r_.below(recent_.size())] : vaddr();
    s.vaddr = (v & ~word{0xfff}) + r_.below(512) * 8;
    if (s.vaddr >> 47 && ~s.vaddr >> 47) s.vaddr |= ~word{0} << 47;  // canonical: else a #GP, not a page fault
    s.value = r_.value();
}

}  // namespace diff
