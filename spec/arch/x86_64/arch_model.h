// The x86_64 facts of the model (model.h includes it): the register file and the system-call
// ABI's register roles, object sizes, the address-space layout, the interrupt numbering, and
// what the state and caps hold for I/O ports and I/O APICs.
#pragma once
#include <array>
#include <bitset>
#include <cstdint>

namespace spec {

constexpr word object_type_count = config::kernel_mcs ? 14 : 12;

// A thread's registers, in seL4_UserContext order (FaultIP is the address a restart resumes at),
// then the address after the system call instruction.
enum Reg : unsigned {
    FaultIP, RSP, RFLAGS, RAX, RBX, RCX, RDX, RSI, RDI, RBP, R8, R9, R10, R11, R12, R13, R14, R15, FSBase, GSBase,
    NextIP, register_count
};
// The system call ABI's roles: the invoked cap (and the badge delivered), the message info,
// message registers 0-3, the TLS base.
constexpr Reg cap_register = RDI, badge_register = RDI, info_register = RSI, tls_base_register = FSBase;
constexpr Reg msg_registers[] = {R10, R8, R9, R15};
// MCS: the reply cap of Recv, ReplyRecv and NBSendWait; NBSendRecv's destination.
constexpr Reg reply_register = R12, nb_send_recv_dest_register = R13;
// TCB_ReadRegisters and friends: FaultIP..R15 are the frame registers, FS and GS base the others.
constexpr unsigned frame_registers = 18, gp_registers = 2;
// The registers of an UnknownSyscall fault message (and those a reply may rewrite).
constexpr Reg syscall_message[] = {RAX, RBX, RCX, RDX, RSI, RDI, RBP, R8, R9, R10, R11, R12, R13, R14, R15,
                                   FaultIP, RSP, RFLAGS};
// MCS: the registers a timeout fault's reply may rewrite, in order (seL4's timeoutMessage).
constexpr Reg timeout_message[] = {FaultIP, RSP, RFLAGS, RAX, RBX, RCX, RDX, RSI, RDI, RBP,
                                   R8, R9, R10, R11, R12, R13, R14, R15, FSBase};
// Where a user load the driver makes puts the word it read.
constexpr Reg load_register = RAX;

// A new thread's registers: seL4's FLAGS_USER_DEFAULT (IF and the reserved bit 1) in RFLAGS.
inline void init_registers(std::array<word, register_count>& regs) { regs[RFLAGS] = 0x202; }

// 48-bit virtual addresses, bits 63..47 all equal.
constexpr bool is_canonical(word v) { return v < 0x0000800000000000 || v >= 0xffff800000000000; }

// seL4's sanitiseRegister: RFLAGS keeps its arithmetic and direction flags, with IF and bit 1
// set and TF clear; the instruction pointer and the segment bases must be canonical (else 0).
constexpr word sanitise_register(unsigned r, word v) {
    if (r == RFLAGS) return ((v | 2 | 0x200) & ~word{0x128}) & 0xfff;
    if ((r == FaultIP || r == NextIP || r == FSBase || r == GSBase) && !is_canonical(v)) return 0;
    return v;
}

constexpr unsigned tcb_bits = 11, max_untyped_bits = 47;
// Four levels of paging structures (0: the PML4, 3: page tables), an entry of `level` spanning
// 2^level_bits(level) bytes; the PML4 is the VSpace root.
constexpr unsigned paging_levels = 4;
constexpr unsigned level_bits(unsigned level) { return 39 - 9 * level; }
constexpr CapType vspace_root_type = CapType::Pml4;
constexpr ObjectType vspace_root_object = ObjectType::Pml4;
constexpr unsigned asid_low_bits = 9, asid_high_count = 8;  // 4096 ASIDs in 8 pools of 512
constexpr word user_top = 0x7fffffffffff;                   // seL4's USER_TOP

// Interrupts as seL4's pc99 platform numbers them in its I/O APIC configuration: IRQ n arrives at
// vector n + 32; GetIOAPIC and GetMSI hand out IRQs 16-123; 125 is the kernel's timer.
constexpr word irq_vector_offset = 0x20, irq_user_min = 16, irq_user_max = 155 - 0x20;
constexpr word irq_timer = 157 - 0x20, max_irq = irq_timer;
// A signalled IRQ is masked until its handler's Ack (seL4's handleInterrupt and invokeIRQHandler_AckIRQ).
constexpr bool irq_masked_until_ack = true;
// The machine the kernel is checked on has two I/O APICs, of 24 and 16 pins.
constexpr std::array<word, 2> ioapic_pins{24, 16};
constexpr word max_ioapic_pins = 24;

// Where an IRQ was last routed from (seL4's x86KSIRQState, which keeps it when the IRQ is freed).
struct IrqSource {
    enum class Kind : std::uint8_t { Free, IoApic, Msi } kind = Kind::Free;
    word ioapic = 0, pin = 0;
};

// An I/O APIC pin's redirection entry as the kernel last wrote it.
struct RedirectionEntry {
    word vector = 0;
    bool level = false, active_low = false, masked = true;
};

// What an x86_64 cap holds beyond the generic fields: an IOPort cap's range of ports.
struct ArchCap {
    word port_first = 0, port_last = 0;
    bool operator==(const ArchCap&) const = default;
};

// The x86_64 state: the issued I/O ports (x86KSAllocatedIOPorts), every IRQ's source, every I/O
// APIC pin's redirection entry.
struct ArchState {
    std::bitset<65536> issued_ports;
    std::array<IrqSource, max_irq + 1> irq_source{};
    std::array<std::array<RedirectionEntry, max_ioapic_pins>, ioapic_pins.size()> ioapic{};
};

}  // namespace spec
