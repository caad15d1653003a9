// x86 I/O ports (seL4's arch/x86/object/ioport.c): IOPortControl_Issue hands out ranges no other
// IOPort cap covers; IOPort In/Out check the range (the simulated ports read 0).
#include "generated/invocations.h"
#include "arch_ops.h"

namespace spec {

using Label = core::InvocationLabel;

namespace {

bool range_free(const State& s, word first, word last) {
    for (word p = first; p <= last; p++) {
        if (s.arch.issued_ports[p]) return false;
    }
    return true;
}

// The access size of an In or Out label, 0 for any other label.
word access_size(word label) {
    switch (static_cast<Label>(label)) {
    case Label::X86IOPortIn8: case Label::X86IOPortOut8: return 1;
    case Label::X86IOPortIn16: case Label::X86IOPortOut16: return 2;
    case Label::X86IOPortIn32: case Label::X86IOPortOut32: return 4;
    default: return 0;
    }
}

bool is_in(word label) {
    auto l = static_cast<Label>(label);
    return l == Label::X86IOPortIn8 || l == Label::X86IOPortIn16 || l == Label::X86IOPortIn32;
}

}  // namespace

SyscallError decode_io_port_control(State& s, const Invocation& inv, SlotRef slot) {
    if (inv.label != static_cast<word>(Label::X86IOPortControlIssue)) return illegal();
    if (inv.words.size() < 4 || inv.extra.empty()) return truncated();
    word first = inv.words[0] & 0xffff, last = inv.words[1] & 0xffff;
    if (last < first) return error(Error::InvalidArgument, 1);
    if (!range_free(s, first, last)) return error(Error::RevokeFirst);
    SlotResult dest = lookup_slot_for_cnode_op(s, false, slot_at(s, inv.extra[0]).cap, inv.words[2], inv.words[3]);
    if (failed(dest.error)) return dest.error;
    if (slot_at(s, dest.slot).cap.type != CapType::Null) return error(Error::DeleteFirst);
    for (word p = first; p <= last; p++) s.arch.issued_ports[p] = true;
    cte_insert(s, Cap{.type = CapType::IoPort, .arch = {first, last}}, slot, dest.slot);
    return done(s, inv);
}

SyscallError decode_io_port(State& s, const Invocation& inv, SlotRef slot) {
    word size = access_size(inv.label);
    if (!size) return illegal();
    if (inv.words.size() < (is_in(inv.label) ? 1u : 2u)) return truncated();
    const Cap& cap = slot_at(s, slot).cap;
    word port = inv.words[0] & 0xffff;
    if (port < cap.arch.port_first || port + size - 1 > cap.arch.port_last) return illegal();
    return is_in(inv.label) ? done(s, inv, {0}) : done(s, inv);
}

void free_io_ports(State& s, const Cap& cap) {
    for (word p = cap.arch.port_first; p <= cap.arch.port_last; p++) s.arch.issued_ports[p] = false;
}

}  // namespace spec
