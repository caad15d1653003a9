// The riscv64 facts of the model (model.h includes it): the register file and the system-call
// ABI's register roles, object sizes, Sv39's three levels of paging structures, the ASID and
// interrupt numbering (QEMU virt's PLIC), and what the state holds for the PLIC.
#pragma once
#include <array>
#include <cstdint>

namespace spec {

constexpr word object_type_count = config::kernel_mcs ? 11 : 9;

// A thread's registers, in seL4_UserContext order (pc is FaultIP, the address a restart resumes
// at), then NextIP, where the thread resumes.
enum Reg : unsigned {
    FaultIP, RA, SP, GP, S0, S1, S2, S3, S4, S5, S6, S7, S8, S9, S10, S11,
    A0, A1, A2, A3, A4, A5, A6, A7, T0, T1, T2, T3, T4, T5, T6, TP,
    NextIP, register_count
};
// The system call ABI's roles: a0 the invoked cap (and the badge delivered), a1 the message
// info, a2-a5 message registers 0-3, tp the TLS base.
constexpr Reg cap_register = A0, badge_register = A0, info_register = A1, tls_base_register = TP;
constexpr Reg msg_registers[] = {A2, A3, A4, A5};
// MCS: the reply cap of Recv, ReplyRecv and NBSendWait; NBSendRecv's destination.
constexpr Reg reply_register = A6, nb_send_recv_dest_register = T0;
// TCB_ReadRegisters and friends: pc, ra, sp, gp and s0-s11 are the frame registers, a0-a7, t0-t6
// and tp the others.
constexpr unsigned frame_registers = 16, gp_registers = 16;
// The registers of an UnknownSyscall fault message (and those a reply may rewrite).
constexpr Reg syscall_message[] = {FaultIP, SP, RA, A0, A1, A2, A3, A4, A5, A6};
// MCS: the registers a timeout fault's reply may rewrite, in order (seL4's timeoutMessage).
constexpr Reg timeout_message[] = {FaultIP, RA, SP, GP, S0, S1, S2, S3, S4, S5, S6, S7, S8, S9, S10, S11,
                                   A0, A1, A2, A3, A4, A5, A6, A7, T0, T1, T2, T3, T4, T5, T6, TP};
// Where a user load the driver makes puts the word it read.
constexpr Reg load_register = T0;

// A new thread's registers are all 0 (sstatus, the rest of seL4's Arch_initContext, is not a user
// register).
inline void init_registers(std::array<word, register_count>&) {}

// Any address: seL4_SetTLSBase writes tp unchecked on RISC-V, and sanitiseRegister keeps every value.
constexpr bool is_canonical(word) { return true; }
constexpr word sanitise_register(unsigned, word v) { return v; }

constexpr unsigned tcb_bits = 11, max_untyped_bits = 38;  // seL4_TCBBits with the FPU
constexpr unsigned asid_low_bits = 9, asid_high_count = 128;  // 2^16 ASIDs in 128 pools of 512
constexpr word user_top = 0x3ffffff000 - 1;                   // below seL4_UserTop
// Sv39: three levels of page tables (0: the VSpace root), an entry of `level` spanning
// 2^level_bits(level) bytes; the VSpace root is a PageTable.
constexpr unsigned paging_levels = 3;
constexpr unsigned level_bits(unsigned level) { return 30 - 9 * level; }
constexpr CapType vspace_root_type = CapType::PageTable;
constexpr ObjectType vspace_root_object = ObjectType::PageTable;

// Interrupts as seL4 numbers them on QEMU virt: IRQs 1-95 are the PLIC's sources (0 is none), the
// kernel's timer is IRQ 96, maxIRQ.
constexpr word plic_max_irq = 95, irq_timer = plic_max_irq + 1, max_irq = irq_timer;
// seL4 on RISC-V never masks a signalled IRQ, and its Ack does nothing on QEMU virt.
constexpr bool irq_masked_until_ack = false;

// A riscv64 cap holds nothing beyond the generic fields.
struct ArchCap {
    bool operator==(const ArchCap&) const = default;
};

// The riscv64 state: which PLIC sources the kernel's hart context has enabled (unmasked).
struct ArchState {
    std::array<bool, plic_max_irq + 1> enabled{};
};

}  // namespace spec
