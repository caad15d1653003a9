// The user register context saved in every TCB, in seL4 16.0.0's AArch64 register order
// (include/arch/arm/arch/64/mode/machine/registerset.h), which the entry code (src/vectors.S)
// stores into and restores from, and seL4's register roles and message layouts on AArch64.
#pragma once
#include "generated/config.h"
#include "lib/types.h"

namespace arch {

struct Context {
    word x[31];        // X0..X30 (x30: LR)
    word sp_el0;       // the user stack pointer
    word elr_el1;      // seL4's NextIP: where the thread resumes (ELR_EL1 on the way out)
    word spsr_el1;     // the user's PSTATE, restored by eret
    word fault_ip;     // seL4's FaultIP: where a restarted entry resumes (the svc, the faulting instruction)
    word tpidr_el0;    // the TLS base
    word tpidrro_el0;  // read-only to the user: saved and restored only
};
static_assert(sizeof(Context) == 37 * 8, "seL4's n_contextRegisters on AArch64");
// src/vectors.S relies on these offsets.
static_assert(__builtin_offsetof(Context, sp_el0) == 31 * 8 && __builtin_offsetof(Context, elr_el1) == 32 * 8);
static_assert(__builtin_offsetof(Context, fault_ip) == 34 * 8 && __builtin_offsetof(Context, tpidrro_el0) == 36 * 8);

// seL4's PSTATE_USER: EL0t with FIQs masked (IRQs taken in user mode) and, outside a debug build,
// SErrors masked too (PSTATE_EXTRA_FLAGS: seL4 takes asynchronous aborts only to debug).
constexpr word pstate_user_of(bool debug_build) { return bit(6) | (debug_build ? 0 : bit(8)); }
static_assert(pstate_user_of(true) == 0x40 && pstate_user_of(false) == 0x140, "seL4's PSTATE_USER");
constexpr word pstate_user = pstate_user_of(config::debug_build);
constexpr word svc_length = 4;

// seL4_TCBBits on AArch64 (with the FPU).
constexpr unsigned tcb_bits = 11;

// Any address: seL4_SetTLSBase writes TPIDR_EL0 unchecked on AArch64.
constexpr bool is_canonical(word) { return true; }

// seL4's AArch64 register roles: x0 the cap and the badge, x1 the message info, x2-x5 message
// registers 0-3, x7 the system call number, TPIDR_EL0 the TLS base (CONFIG_ARM_TLS_REG_TPIDRU).
inline word& cap_register(Context& c) { return c.x[0]; }
inline word& badge_register(Context& c) { return c.x[0]; }
inline word& msg_info_register(Context& c) { return c.x[1]; }
inline word& syscall_number_register(Context& c) { return c.x[7]; }
// MCS: the reply cap of Recv, ReplyRecv and NBSendWait (x6); NBSendRecv's destination (x8).
inline word& reply_register(Context& c) { return c.x[6]; }
inline word& nb_send_recv_dest_register(Context& c) { return c.x[8]; }
inline word& tls_base_register(Context& c) { return c.tpidr_el0; }
inline word& msg_register(Context& c, unsigned i) { return c.x[2 + i]; }
inline word& stack_pointer_register(Context& c) { return c.sp_el0; }
inline word restart_pc(const Context& c) { return c.fault_ip; }
inline word stack_pointer(const Context& c) { return c.sp_el0; }
inline void resume_at_restart_pc(Context& c) { c.elr_el1 = c.fault_ip; }
inline void update_restart_pc(Context& c) { c.fault_ip = c.elr_el1; }

// seL4_UserContext order: the frame registers (pc, sp, spsr, x0-x8, x16-x18, x29, x30; pc is the
// restart address), then the general ones (x9-x15, x19-x28, tpidr_el0, tpidrro_el0).
constexpr unsigned frame_registers = 17, gp_registers = 19;
constexpr unsigned tls_base_user_register = 34;  // tpidr_el0
constexpr unsigned spsr_user_register = 2;
inline word& user_register(Context& c, unsigned i) {
    static constexpr u8 xs[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 16, 17, 18, 29, 30, 9, 10, 11, 12, 13, 14, 15,
                                19, 20, 21, 22, 23, 24, 25, 26, 27, 28};
    switch (i) {
    case 0: return c.fault_ip;
    case 1: return c.sp_el0;
    case spsr_user_register: return c.spsr_el1;
    case tls_base_user_register: return c.tpidr_el0;
    case tls_base_user_register + 1: return c.tpidrro_el0;
    default: return c.x[xs[i - 3]];
    }
}
// seL4's sanitiseRegister on AArch64 without a VCPU: a user's SPSR keeps only its condition flags
// (N, Z, C, V) and runs at EL0t with PSTATE_USER's masks; every other register keeps its value.
constexpr word sanitise_spsr(word v) { return (v & 0xf0000000) | pstate_user; }
constexpr word sanitise_user_register(unsigned i, word v) { return i == spsr_user_register ? sanitise_spsr(v) : v; }

// The SIMD and floating-point registers v0-v31 (128 bits each), FPSR and FPCR (seL4's
// user_fpu_state_t), saved while another thread's are loaded.
struct alignas(16) FpuState {
    u64 vregs[64];
    u32 fpsr;
    u32 fpcr;
};
static_assert(sizeof(FpuState) == 66 * 8 && __builtin_offsetof(FpuState, fpsr) == 512);
inline void init_fpu_state(FpuState& state) { state = FpuState{}; }

// Fault messages: seL4_UnknownSyscall_* (X0-X7, FaultIP, SP, LR = NextIP, SPSR, then the number
// core adds) and seL4_UserException_* (FaultIP, SP, SPSR, then number and code); a reply may
// rewrite all of those registers, the SPSR sanitised (seL4's copyMRsFaultReply).
constexpr unsigned syscall_reply_registers = 12, exception_reply_registers = 3;
// MCS: a reply to a timeout fault rewrites the first 34 user registers (seL4_TimeoutReply_Length:
// seL4_UserContext order up to x28).
constexpr unsigned timeout_reply_registers = 34;
inline word* syscall_message_register(Context& c, unsigned i) {
    if (i < 8) return &c.x[i];
    static constexpr word Context::*regs[] = {&Context::fault_ip, &Context::sp_el0, &Context::elr_el1,
                                              &Context::spsr_el1};
    return &(c.*regs[i - 8]);
}
inline word* exception_message_register(Context& c, unsigned i) {
    static constexpr word Context::*regs[] = {&Context::fault_ip, &Context::sp_el0, &Context::spsr_el1};
    return &(c.*regs[i]);
}
inline unsigned syscall_fault_message(Context& c, word* out) {
    for (unsigned i = 0; i < syscall_reply_registers; i++) out[i] = *syscall_message_register(c, i);
    return syscall_reply_registers;
}
inline unsigned exception_fault_message(Context& c, word* out) {
    for (unsigned i = 0; i < exception_reply_registers; i++) out[i] = *exception_message_register(c, i);
    return exception_reply_registers;
}
inline void write_fault_reply_register(Context& c, bool syscall, unsigned i, word v) {
    word* r = syscall ? syscall_message_register(c, i) : exception_message_register(c, i);
    *r = r == &c.spsr_el1 ? sanitise_spsr(v) : v;
}

// A fresh user context that starts at `entry` with `arg0` in x0 (seL4's capRegister) and seL4's
// PSTATE_USER (Arch_initContext).
inline Context initial_user_context(word entry, word arg0) {
    Context c{};
    c.x[0] = arg0;
    c.fault_ip = entry;
    c.elr_el1 = entry;
    c.spsr_el1 = pstate_user;
    return c;
}

// Leaves the kernel into the user context `c` (eret); its next entry saves into `c` again.
extern "C" [[noreturn]] void restore_user_context(Context* c);

}  // namespace arch
