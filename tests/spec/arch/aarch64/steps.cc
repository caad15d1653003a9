// The aarch64 steps of the generator (arch_steps.h); the world's slots are in world.cc.
#include "arch_steps.h"

namespace diff {

namespace {
constexpr word user_end = word{1} << 47;  // seL4's USER_TOP + 1
}  // namespace

word ArchSteps::slot() { return r_.pick<word>({6, 7, 8, 9, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 61, 62, 64, 65, 69}); }

// Mostly Untyped, TCB, Endpoint, Notification, CapTable, the three frame sizes, VSpace and
// PageTable.
word ArchSteps::object_type() {
    word type = r_.pick<word>({0, 1, 2, 2, 3, 3, 4, 4, 7, 7, 9, 9, 8, 6, 5});
    if (r_.chance(5)) type = r_.below(12);
    return type;
}

word ArchSteps::root_slot() { return r_.chance(85) ? r_.pick<word>({8, 48}) : r_.chance(50) ? 18 + r_.below(30) : r_.slot(); }

// Addresses near the boundaries that matter: the first pages, 2 MiB, 1 GiB and 512 GiB multiples,
// the top of user space; sometimes unaligned, sometimes anything.
word ArchSteps::vaddr() {
    static constexpr word bounds[] = {0, word{1} << 21, word{1} << 30, word{1} << 39, user_end - (word{1} << 21),
                                      user_end - (word{1} << 30), user_end - 4096, user_end};
    unsigned r = r_.below(100);
    word v;
    if (r < 45) v = (r_.below(16) << 12) + (r_.chance(30) ? r_.below(4) << 21 : 0);
    else if (r < 80) v = bounds[r_.below(std::size(bounds))] + (r_.below(5) - 2) * (r_.chance(70) ? 4096 : word{1} << 21);
    else if (r < 92) v = r_.value() & (user_end - 4096);
    else v = r_.value();
    if (r_.chance(8)) v += r_.below(4096);
    return v;
}

// Map (rights, attributes), Unmap and GetAddress of frames, and their cache operations.
void ArchSteps::frame_invocation(Step& s) {
    s.cptr = frame_slot();
    auto label = r_.pick<Label>({Label::ARMPageMap, Label::ARMPageMap, Label::ARMPageMap, Label::ARMPageUnmap,
                                 Label::ARMPageGetAddress});
    word v = vaddr();
    if (label == Label::ARMPageMap) remember(v);
    s.words = {v, r_.chance(80) ? r_.pick<word>({3, 3, 2, 1, 0}) : r_.value(), r_.chance(70) ? 0 : r_.below(8), 0, 0, 0, 0, 0};
    s.caps = {root_slot(), 0, 0};
    bool map = label == Label::ARMPageMap;
    args(s, label, map ? (r_.chance(95) ? 3 : r_.below(3)) : 0, map ? 1 : 0);
}

// Map and Unmap of page tables (the spare ones, those mapped from the start and the roots).
void ArchSteps::table_invocation(Step& s) {
    s.cptr = r_.chance(80) ? r_.pick<word>({53, 54, 55, 57, 58, 59, 64, 65, 8, 48}) : r_.chance(60) ? 18 + r_.below(30) : r_.slot();
    bool map = r_.chance(75);
    s.words = {vaddr(), r_.chance(80) ? 0 : r_.below(8), 0, 0, 0, 0, 0, 0};
    s.caps = {root_slot(), 0, 0};
    args(s, map ? Label::ARMPageTableMap : Label::ARMPageTableUnmap, map ? (r_.chance(95) ? 2 : r_.below(2)) : 0,
         map ? 1 : 0);
}

// The four cache operations of a frame (offsets in it) or a VSpace (addresses), on ranges near a
// page's bounds.
void ArchSteps::cache_invocation(Step& s) {
    bool page = r_.chance(55);
    s.cptr = page ? frame_slot() : root_slot();
    word start = r_.chance(70) ? r_.below(8) * 64 : r_.chance(50) ? 4096 - r_.below(3) * 64 : r_.value();
    word end = start + (r_.chance(80) ? r_.below(4) * 64 + 1 : r_.value());
    if (!page) {
        word base = r_.chance(60) ? mapped_page : recent_[r_.below(recent_.size())];
        start += base;
        end += base;
    }
    s.words = {start, end, 0, 0, 0, 0, 0, 0};
    Label first = page ? Label::ARMPageClean_Data : Label::ARMVSpaceClean_Data;
    args(s, static_cast<Label>(static_cast<word>(first) + r_.below(4)), r_.chance(95) ? 2 : r_.below(2), 0);
}

void ArchSteps::vspace(Step& s) {
    unsigned k = r_.below(100);
    if (k < 38) {
        frame_invocation(s);
    } else if (k < 64) {
        table_invocation(s);
    } else if (k < 78) {
        cache_invocation(s);
    } else if (k < 86) {
        s.cptr = r_.chance(90) ? 5 : r_.slot();
        s.words = {r_.chance(70) ? 18 + r_.below(30) : r_.slot(), r_.chance(90) ? 64 : r_.below(70), 0, 0, 0, 0, 0, 0};
        s.caps = {r_.chance(60) ? 6 : r_.chance(50) ? 18 + r_.below(30) : r_.slot(), 2, 0};
        args(s, Label::ARMASIDControlMakePool, 2, 2);
    } else if (k < 95) {
        s.cptr = r_.chance(85) ? 7 : r_.slot();
        s.caps = {r_.chance(50) ? r_.pick<word>({8, 48, 55, 59}) : 18 + r_.below(30), 0, 0};
        args(s, Label::ARMASIDPoolAssign, 0, r_.chance(95) ? 1 : 0);
    } else {
        // Any arch label up to IssueIRQHandlerTrigger (SGI signals are outside the model).
        s.cptr = r_.chance(50) ? slot() : r_.slot();
        r_.message(s, r_.below(4), r_.below(4));
        s.info = ((static_cast<word>(Label::ARMVSpaceClean_Data) + r_.below(17)) << 12) | (s.info & 0xfff);
    }
}

// An IRQ: often a few, so IRQs are taken twice; sometimes the timer's, past the last or anything.
word ArchSteps::irq() {
    unsigned r = r_.below(100);
    if (r < 40) return 32 + r_.below(12);
    if (r < 90) return r_.below(160);
    if (r < 96) return 158 + r_.below(4);
    return r_.value();
}

void ArchSteps::irq_control(Step& s) {
    s.cptr = r_.chance(90) ? 61 : r_.slot();
    unsigned r = r_.below(100);
    auto label = r < 60 ? Label::ARMIRQIssueIRQHandlerTrigger : r < 90 ? Label::IRQIssueIRQHandler
                                                               : static_cast<Label>(r_.below(60));
    if (label == Label::ARMIRQIssueSGISignal) label = Label::IRQIssueIRQHandler;  // outside the model
    word dest = r_.chance(75) ? r_.irq_slot() : r_.chance(70) ? 18 + r_.below(30) : r_.slot();
    word depth = r_.chance(92) ? 64 : r_.below(70), n = irq();
    if (label == Label::ARMIRQIssueIRQHandlerTrigger) s.words = {n, r_.below(3), dest, depth, 0, 0, 0, 0};
    else s.words = {n, dest, depth, 0, 0, 0, 0, 0};
    if (n <= 159) irqs_[next_irq_++ % irqs_.size()] = n;
    s.caps = {r_.chance(90) ? 2 : r_.slot(), 0, 0};
    word length = label == Label::ARMIRQIssueIRQHandlerTrigger ? 4 : 3;
    args(s, label, r_.chance(93) ? length : r_.below(length), r_.chance(95) ? 1 : 0);
}

// A GIC interrupt: a recently issued IRQ's (or any).
void ArchSteps::interrupt(Step& s) {
    s.interrupt = true;
    s.pin = r_.chance(80) ? irqs_[r_.below(irqs_.size())] : r_.below(170);
}

// A user load or store at a recently mapped page (or anywhere below the user top).
void ArchSteps::access(Step& s) {
    s.access = true;
    s.write = r_.chance(50);
    unsigned r = r_.below(100);
    word v = r < 50 ? mapped_page : r < 85 ? recent_[r_.below(recent_.size())] : vaddr();
    s.vaddr = ((v & ~word{0xfff}) % user_end) + r_.below(512) * 8;
    s.value = r_.value();
}

}  // namespace diff
