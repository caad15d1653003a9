// The user register context saved in every TCB, in seL4 16.0.0's RISC-V register order
// (include/arch/riscv/arch/machine/registerset.h), which the trap entry (src/trap.S) stores into.
#pragma once
#include "lib/types.h"

namespace arch {

struct Context {
    word ra, sp, gp, tp, t0, t1, t2, s0, s1;
    word a0, a1, a2, a3, a4, a5, a6, a7;
    word s2, s3, s4, s5, s6, s7, s8, s9, s10, s11;
    word t3, t4, t5, t6;
    word scause;
    word sstatus;   // the thread's SPIE, SPP (user) and FS bits, restored by sret
    word fault_ip;  // seL4's FaultIP: where a restarted entry resumes (the ecall, the faulting instruction)
    word next_ip;   // seL4's NextIP: where the thread resumes (sepc on the way out)
    // Not registers: the root the thread's VTable cap named when it was last switched to, with the
    // cap's first word and the ASID generation it was found under (src/switch.cc).
    word vspace_cap_word, vspace_generation, vspace_root;
};
static_assert(__builtin_offsetof(Context, vspace_cap_word) == 35 * 8, "seL4's n_contextRegisters on RISC-V");
// src/trap.S relies on these offsets.
static_assert(__builtin_offsetof(Context, ra) == 0 && __builtin_offsetof(Context, a0) == 9 * 8);
static_assert(__builtin_offsetof(Context, scause) == 31 * 8 && __builtin_offsetof(Context, next_ip) == 34 * 8);

constexpr word sstatus_spie = bit(5);
constexpr word sstatus_fs_initial = word{1} << 13;
constexpr unsigned ecall_length = 4;

// seL4_TCBBits with the FPU (F and D extensions, seL4's default on riscv64).
constexpr unsigned tcb_bits = 11;

// Any address: tp is an ordinary register, seL4_SetTLSBase writes it unchecked on RISC-V.
constexpr bool is_canonical(word) { return true; }

// seL4's RISC-V register roles: a0 the cap and the badge, a1 the message info, a2-a5 message
// registers 0-3, a7 the system call number, tp the TLS base.
inline word& cap_register(Context& c) { return c.a0; }
inline word& badge_register(Context& c) { return c.a0; }
inline word& msg_info_register(Context& c) { return c.a1; }
inline word& syscall_number_register(Context& c) { return c.a7; }
// MCS: the reply cap of Recv, ReplyRecv and NBSendWait; NBSendRecv's destination.
inline word& reply_register(Context& c) { return c.a6; }
inline word& nb_send_recv_dest_register(Context& c) { return c.t0; }
inline word& tls_base_register(Context& c) { return c.tp; }
inline word& msg_register(Context& c, unsigned i) {
    static constexpr word Context::*regs[] = {&Context::a2, &Context::a3, &Context::a4, &Context::a5};
    return c.*regs[i];
}
inline word& stack_pointer_register(Context& c) { return c.sp; }
inline word restart_pc(const Context& c) { return c.fault_ip; }
inline word stack_pointer(const Context& c) { return c.sp; }
inline void resume_at_restart_pc(Context& c) { c.next_ip = c.fault_ip; }
inline void update_restart_pc(Context& c) { c.fault_ip = c.next_ip; }

// seL4_UserContext order: the frame registers (pc, ra, sp, gp, s0-s11; pc is the restart
// address), then the general ones (a0-a7, t0-t6, tp).
constexpr unsigned frame_registers = 16, gp_registers = 16;
// tp, seL4's TLS_BASE, in that order: the last word (TCB SetTLSBase writes it).
constexpr unsigned tls_base_user_register = 31;
inline word& user_register(Context& c, unsigned i) {
    static constexpr word Context::*regs[] = {
        &Context::fault_ip, &Context::ra, &Context::sp, &Context::gp, &Context::s0, &Context::s1, &Context::s2,
        &Context::s3, &Context::s4, &Context::s5, &Context::s6, &Context::s7, &Context::s8, &Context::s9,
        &Context::s10, &Context::s11, &Context::a0, &Context::a1, &Context::a2, &Context::a3, &Context::a4,
        &Context::a5, &Context::a6, &Context::a7, &Context::t0, &Context::t1, &Context::t2, &Context::t3,
        &Context::t4, &Context::t5, &Context::t6, &Context::tp};
    return c.*regs[i];
}
// seL4's sanitiseRegister on RISC-V keeps every value.
constexpr word sanitise_user_register(unsigned, word v) { return v; }

// The F and D registers and fcsr, saved while another thread's are loaded.
struct FpuState {
    u64 regs[32];
    u32 fcsr;
};
static_assert(sizeof(FpuState) == 33 * 8);
inline void init_fpu_state(FpuState& state) { state = FpuState{}; }

// Fault messages: seL4_UnknownSyscall_* (FaultIP, SP, RA, A0-A6, then the number core adds) and
// seL4_UserException_* (FaultIP, SP, then number and code); a reply may rewrite all of those
// registers.
constexpr unsigned syscall_reply_registers = 10, exception_reply_registers = 2;
// MCS: a reply to a timeout fault rewrites all 32 user registers (seL4_TimeoutReply_Length, in
// seL4_UserContext order).
constexpr unsigned timeout_reply_registers = 32;
inline word* syscall_message_register(Context& c, unsigned i) {
    static constexpr word Context::*regs[] = {&Context::fault_ip, &Context::sp, &Context::ra, &Context::a0,
                                              &Context::a1,       &Context::a2, &Context::a3, &Context::a4,
                                              &Context::a5,       &Context::a6};
    return &(c.*regs[i]);
}
inline unsigned syscall_fault_message(Context& c, word* out) {
    for (unsigned i = 0; i < syscall_reply_registers; i++) out[i] = *syscall_message_register(c, i);
    return syscall_reply_registers;
}
inline unsigned exception_fault_message(Context& c, word* out) {
    out[0] = c.fault_ip;
    out[1] = c.sp;
    return exception_reply_registers;
}
inline void write_fault_reply_register(Context& c, bool syscall, unsigned i, word v) {
    *(syscall ? syscall_message_register(c, i) : i == 0 ? &c.fault_ip : &c.sp) = v;
}

// A fresh user context that starts at `entry` with `arg0` in a0 (seL4's capRegister), user
// interrupts on (seL4's Arch_initContext: SPIE) and the FPU usable.
inline Context initial_user_context(word entry, word arg0) {
    Context c{};
    c.a0 = arg0;
    c.fault_ip = entry;
    c.next_ip = entry;
    c.sstatus = sstatus_spie | sstatus_fs_initial;
    return c;
}

}  // namespace arch
