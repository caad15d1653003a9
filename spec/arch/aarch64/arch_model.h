// The aarch64 facts of the model (model.h includes it): the register file and the system-call
// ABI's register roles, object sizes, the four levels of paging structures under a VSpace, the
// ASID and interrupt numbering (QEMU virt's GIC), and what the state holds for the GIC.
#pragma once
#include <array>
#include <cstdint>

namespace spec {

constexpr word object_type_count = config::kernel_mcs ? 12 : 10;

// A thread's registers, in seL4_UserContext order (pc is FaultIP, the address a restart resumes
// at), then NextIP (ELR_EL1), where the thread resumes.
enum Reg : unsigned {
    FaultIP, SP, SPSR, X0, X1, X2, X3, X4, X5, X6, X7, X8, X16, X17, X18, X29, X30,
    X9, X10, X11, X12, X13, X14, X15, X19, X20, X21, X22, X23, X24, X25, X26, X27, X28, TPIDR_EL0, TPIDRRO_EL0,
    NextIP, register_count
};
// The system call ABI's roles: x0 the invoked cap (and the badge delivered), x1 the message info,
// x2-x5 message registers 0-3, TPIDR_EL0 the TLS base.
constexpr Reg cap_register = X0, badge_register = X0, info_register = X1, tls_base_register = TPIDR_EL0;
constexpr Reg msg_registers[] = {X2, X3, X4, X5};
// MCS: the reply cap of Recv, ReplyRecv and NBSendWait; NBSendRecv's destination.
constexpr Reg reply_register = X6, nb_send_recv_dest_register = X8;
// TCB_ReadRegisters and friends: pc, sp, spsr, x0-x8, x16-x18, x29 and x30 are the frame
// registers, x9-x15, x19-x28 and the two thread ID registers the others.
constexpr unsigned frame_registers = 17, gp_registers = 19;
// The registers of an UnknownSyscall fault message (and those a reply may rewrite): seL4's LR in
// it is ELR_EL1, NextIP.
constexpr Reg syscall_message[] = {X0, X1, X2, X3, X4, X5, X6, X7, FaultIP, SP, NextIP, SPSR};
// MCS: the registers a timeout fault's reply may rewrite, in order (seL4's timeoutMessage:
// seL4_UserContext's order up to x28).
constexpr Reg timeout_message[] = {FaultIP, SP, SPSR, X0, X1, X2, X3, X4, X5, X6, X7, X8, X16, X17, X18, X29, X30,
                                   X9, X10, X11, X12, X13, X14, X15, X19, X20, X21, X22, X23, X24, X25, X26, X27, X28};
// Where a user load the driver makes puts the word it read.
constexpr Reg load_register = X9;

// seL4's PSTATE_USER: EL0t with FIQs masked, SErrors too outside a debug build.
constexpr word pstate_user = config::debug_build ? 0x40 : 0x140;
// A new thread's SPSR is PSTATE_USER (seL4's Arch_initContext), the rest 0.
inline void init_registers(std::array<word, register_count>& regs) { regs[SPSR] = pstate_user; }

// Any address: seL4_SetTLSBase writes TPIDR_EL0 unchecked on AArch64; sanitiseRegister keeps only
// the condition flags of an SPSR, at EL0t with PSTATE_USER's masks, and every other value.
constexpr bool is_canonical(word) { return true; }
constexpr word sanitise_register(unsigned r, word v) { return r == SPSR ? (v & 0xf0000000) | pstate_user : v; }

constexpr unsigned tcb_bits = 11, max_untyped_bits = 47;      // seL4_TCBBits with the FPU
constexpr unsigned asid_low_bits = 9, asid_high_count = 128;  // 2^16 ASIDs in 128 pools of 512
constexpr word user_top = 0x00007fffffffffff;                 // seL4's USER_TOP, the last user address
// Four levels of page tables (0: the VSpace root), an entry of `level` spanning
// 2^level_bits(level) bytes; the VSpace root has a cap type of its own.
constexpr unsigned paging_levels = 4;
constexpr unsigned level_bits(unsigned level) { return 39 - 9 * level; }
constexpr CapType vspace_root_type = CapType::VSpace;
constexpr ObjectType vspace_root_object = ObjectType::VSpace;

// Interrupts as seL4 numbers them on QEMU virt: the GIC's INTIDs up to maxIRQ 159, the kernel's
// timer the virtual timer's PPI 27.
constexpr word max_irq = 159, irq_timer = 27;
// seL4 on Arm masks a signalled IRQ until its handler's Ack.
constexpr bool irq_masked_until_ack = true;

// An aarch64 cap the model has holds nothing beyond the generic fields.
struct ArchCap {
    bool operator==(const ArchCap&) const = default;
};

// The aarch64 state: which interrupts the GIC's distributor has enabled.
struct ArchState {
    std::array<bool, max_irq + 1> enabled{};
};

}  // namespace spec
