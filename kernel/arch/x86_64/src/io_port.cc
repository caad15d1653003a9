// x86 I/O port caps: IOPortControl_Issue hands out port ranges, IOPort_In/Out use them.
#include "arch/io_port.h"
#include "arch/caps.h"
#include "arch/cpu.h"
#include "cspace/cte.h"
#include "cspace/lookup.h"
#include "kernel/sched.h"
#include "kernel/user_error.h"

namespace arch {
namespace {

using core::Cap;
using core::ErrorCode;
using core::fail;
using core::SysStatus;
using core::SyscallError;
using core::user_fail;
using L = core::InvocationLabel;

u64 allocated[65536 / 64];  // ports issued to some IOPort cap (seL4's x86KSAllocatedIOPorts)

bool allocated_bit(unsigned port) { return (allocated[port / 64] >> (port % 64)) & 1; }

void mark(unsigned first, unsigned last, bool set) {
    for (unsigned p = first; p <= last; p++) {
        if (set) allocated[p / 64] |= bit(p % 64);
        else allocated[p / 64] &= ~bit(p % 64);
    }
}

bool range_free(unsigned first, unsigned last) {
    for (unsigned p = first; p <= last; p++) {
        if (allocated_bit(p)) return false;
    }
    return true;
}

SysStatus check_port(const Cap& cap, word port, unsigned size) {
    if (port < io_port_first(cap) || port + size - 1 > io_port_last(cap)) {
        return user_fail(SyscallError::of(ErrorCode::IllegalOperation),
                         "IOPort: Ports %d--%d fall outside permitted range %d--%d.",
                         static_cast<int>(port), static_cast<int>(port + size - 1),
                         static_cast<int>(io_port_first(cap)), static_cast<int>(io_port_last(cap)));
    }
    return {};
}

unsigned access_size(L label) {
    if (label == L::X86IOPortIn8 || label == L::X86IOPortOut8) return 1;
    if (label == L::X86IOPortIn16 || label == L::X86IOPortOut16) return 2;
    return 4;
}

u32 port_in(L label, u16 port) {
    if (label == L::X86IOPortIn8) return cpu::inb(port);
    if (label == L::X86IOPortIn16) return cpu::inw(port);
    return cpu::inl(port);
}

void port_out(L label, u16 port, word data) {
    if (label == L::X86IOPortOut8) cpu::outb(port, static_cast<u8>(data));
    else if (label == L::X86IOPortOut16) cpu::outw(port, static_cast<u16>(data));
    else cpu::outl(port, static_cast<u32>(data));
}

}  // namespace

SysStatus decode_io_port_control(const core::Message& msg, core::Slot& slot) {
    using A = core::args::X86IOPortControlIssue;
    if (msg.label() != static_cast<word>(L::X86IOPortControlIssue)) {
        return user_fail(SyscallError::of(ErrorCode::IllegalOperation), "IOPortControl: Unknown operation.");
    }
    if (msg.length() < 4 || !msg.extra_cap(A::root)) {
        return user_fail(SyscallError::of(ErrorCode::TruncatedMessage), "IOPortControl: Truncated message.");
    }
    unsigned first = msg.arg(A::first_port) & 0xffff, last = msg.arg(A::last_port) & 0xffff;
    if (last < first) {
        return user_fail(SyscallError::invalid_argument(1), "IOPortControl: Last port must be > first port.");
    }
    if (!range_free(first, last)) {
        return user_fail(SyscallError::of(ErrorCode::RevokeFirst),
                         "IOPortControl: Some ports in range already in use.");
    }
    const Cap& root = msg.extra_cap(A::root)->cap;
    auto dest = core::lookup_slot_for_cnode_op(false, root, msg.arg(A::index), msg.arg(A::depth));
    if (!dest) {
        return user_fail(dest.error(), "Target slot for new IO Port cap invalid: cap %lu.", msg.extra_cptr(A::root));
    }
    if (SysStatus s = core::ensure_empty_slot(*dest.value()); !s) {
        return user_fail(s.error(), "Target slot for new IO Port cap not empty: cap %lu.", msg.extra_cptr(A::root));
    }
    mark(first, last, true);
    core::cte_insert(io_port_cap(static_cast<u16>(first), static_cast<u16>(last)), slot, *dest.value());
    return {};
}

SysStatus decode_io_port(const core::Message& msg, core::Slot& slot) {
    auto label = static_cast<L>(msg.label());
    bool in = label == L::X86IOPortIn8 || label == L::X86IOPortIn16 || label == L::X86IOPortIn32;
    bool out = label == L::X86IOPortOut8 || label == L::X86IOPortOut16 || label == L::X86IOPortOut32;
    if (!in && !out) return user_fail(SyscallError::of(ErrorCode::IllegalOperation), "IOPort: Unknown operation.");
    if (in && msg.length() < 1) {
        return user_fail(SyscallError::of(ErrorCode::TruncatedMessage), "IOPort: Truncated message.");
    }
    if (out && msg.length() < 2) {
        return user_fail(SyscallError::of(ErrorCode::TruncatedMessage), "IOPort Out: Truncated message.");
    }
    auto port = static_cast<u16>(msg.arg(0) & 0xffff);
    if (SysStatus s = check_port(slot.cap, port, access_size(label)); !s) return s;
    if (out) {
        port_out(label, port, msg.arg(1));
        return {};
    }
    core::reply_one_word(msg, port_in(label, port));
    return {};
}

void free_io_ports(const Cap& cap) { mark(io_port_first(cap), io_port_last(cap), false); }

void forget_io_ports() {
    for (u64& w : allocated) w = 0;
}

}  // namespace arch
