// User-visible memory: words of frames, and the IPC buffer and message registers on top of it.
#include "ops.h"

namespace spec {

word load(const State& s, word paddr) {
    auto it = s.memory.find(paddr);
    return it == s.memory.end() ? 0 : it->second;
}

void store(State& s, word paddr, word value) {
    if (value == 0) {
        s.memory.erase(paddr);
    } else {
        s.memory[paddr] = value;
    }
}

void zero(State& s, word base, word bytes) {
    s.memory.erase(s.memory.lower_bound(base), s.memory.lower_bound(base + bytes));
}

std::optional<word> ipc_buffer(const Thread& t, bool receiver) {
    const Cap& c = t.slots[BufferSlot].cap;
    if (c.type != CapType::Frame || c.device) return std::nullopt;
    if (c.vm_rights != 3 && (receiver || c.vm_rights != 2)) return std::nullopt;
    return c.object + (t.ipc_buffer & mask(c.bits));
}

word get_mr(const State& s, const Thread& t, std::optional<word> buffer, unsigned i) {
    if (i < fast_message_registers) return t.regs[msg_registers[i]];
    return buffer ? load(s, *buffer + 8 * (i + 1)) : 0;
}

unsigned set_mr(State& s, Thread& t, std::optional<word> buffer, unsigned i, word value) {
    if (i < fast_message_registers) {
        t.regs[msg_registers[i]] = value;
        return i + 1;
    }
    if (!buffer) return fast_message_registers;
    store(s, *buffer + 8 * (i + 1), value);
    return i + 1;
}

}  // namespace spec
