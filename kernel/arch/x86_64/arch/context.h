// The user register context saved in every TCB, laid out so the trap stubs can push into it.
#pragma once
#include "lib/types.h"

namespace arch {

// Ascending memory order. The top seven words are the hardware interrupt frame plus vector and
// error code: TSS.RSP0 points just past `ss` of the running thread, so the CPU and the entry stubs
// push a user thread's state straight into its TCB (as seL4 does).
// The CPU aligns the stack to 16 bytes before pushing an interrupt frame, so the context is
// 16-byte aligned and a multiple of 16 bytes long: the third word is padding.
struct alignas(16) Context {
    // Not registers: the VTable cap word the thread last ran with and the physical root it names
    // (switch.cc caches them, so a switch compares one word instead of decoding the cap; ~0 is
    // no cap's word).
    word vspace_cap_word = ~word{0};
    word vspace_root = 0;
    word padding;
    word fs_base;   // TLS base (seL4_SetTLSBase), restored through the FS_BASE MSR
    word gs_base;
    word fault_ip;  // address to resume at if the entry is restarted (the syscall instruction)
    word r15, r14, r13, r12, r10, r9, r8, rbp, rdi, rsi, rdx, rbx, rax;
    // A system call leaves R11 and RCX (and RSP, vector and error below) as they were: `syscall`
    // itself overwrites the user's RCX and R11 with RIP and RFLAGS (saved below), and libsel4
    // keeps RSP in RBX across it, as with seL4.
    word r11, rcx;
    word vector;    // trap vector
    word error;     // CPU error code, 0 when the vector has none
    word rip, cs, rflags, rsp, ss;
};
static_assert(sizeof(Context) == 28 * 8 && sizeof(Context) % 16 == 0);
// entry.S relies on these offsets.
static_assert(__builtin_offsetof(Context, fault_ip) == 40);
static_assert(__builtin_offsetof(Context, r15) == 48);
static_assert(__builtin_offsetof(Context, rax) == 18 * 8);
static_assert(__builtin_offsetof(Context, r11) == 19 * 8);
static_assert(__builtin_offsetof(Context, rcx) == 20 * 8);
static_assert(__builtin_offsetof(Context, vector) == 21 * 8);
static_assert(__builtin_offsetof(Context, rip) == 23 * 8);
static_assert(__builtin_offsetof(Context, cs) == 24 * 8);
static_assert(__builtin_offsetof(Context, rflags) == 25 * 8);
static_assert(sizeof(Context) == 224);

constexpr word user_code_selector = 0x2b;  // seL4's SEL_CS_3
constexpr word user_data_selector = 0x33;  // seL4's SEL_DS_3
constexpr word rflags_if = bit(9);
constexpr word rflags_user_default = rflags_if | bit(1);  // seL4's FLAGS_USER_DEFAULT
constexpr unsigned syscall_instruction_length = 2;

// seL4_TCBBits: a TCB object holds its CNode slots and the thread, this context and FPU area included.
constexpr unsigned tcb_bits = 11;

// 48-bit virtual addresses: bits 63..47 all equal.
constexpr bool is_canonical(word v) { return v < 0x0000800000000000 || v >= 0xffff800000000000; }

// seL4's x86_64 register roles.
inline word& cap_register(Context& c) { return c.rdi; }
inline word& badge_register(Context& c) { return c.rdi; }
inline word& msg_info_register(Context& c) { return c.rsi; }
inline word& syscall_number_register(Context& c) { return c.rdx; }
// MCS: the reply cap of Recv, ReplyRecv and NBSendWait; NBSendRecv's destination.
inline word& reply_register(Context& c) { return c.r12; }
inline word& nb_send_recv_dest_register(Context& c) { return c.r13; }
inline word& tls_base_register(Context& c) { return c.fs_base; }
// Message registers 0-3: R10, R8, R9, R15.
inline word& msg_register(Context& c, unsigned i) {
    static constexpr word Context::*regs[] = {&Context::r10, &Context::r8, &Context::r9, &Context::r15};
    return c.*regs[i];
}
inline word& next_ip_register(Context& c) { return c.rip; }
inline word& stack_pointer_register(Context& c) { return c.rsp; }
// seL4's getRestartPC (FaultIP): where the thread resumes if its kernel entry is restarted.
inline word restart_pc(const Context& c) { return c.fault_ip; }
inline word stack_pointer(const Context& c) { return c.rsp; }
// seL4's setNextPC(getRestartPC(t)): the thread will run its system call (or faulting
// instruction) again.
inline void resume_at_restart_pc(Context& c) { c.rip = c.fault_ip; }
// seL4's updateRestartPC: a thread stopped between entries resumes where it would have.
inline void update_restart_pc(Context& c) { c.fault_ip = c.rip; }

// The registers seL4_TCB_ReadRegisters/WriteRegisters transfer, in seL4_UserContext order: the
// frame registers (rip is the restart address), then the FS and GS bases.
constexpr unsigned frame_registers = 18, gp_registers = 2;
// The FS base, seL4's TLS_BASE, in that order (TCB SetTLSBase writes it).
constexpr unsigned tls_base_user_register = 18;
inline word& user_register(Context& c, unsigned i) {
    static constexpr word Context::*regs[] = {
        &Context::fault_ip, &Context::rsp, &Context::rflags, &Context::rax, &Context::rbx, &Context::rcx, &Context::rdx,
        &Context::rsi,      &Context::rdi, &Context::rbp,    &Context::r8,  &Context::r9,  &Context::r10, &Context::r11,
        &Context::r12,      &Context::r13, &Context::r14,    &Context::r15, &Context::fs_base, &Context::gs_base};
    return c.*regs[i];
}

// What seL4 lets a user write into register `i`: instruction and segment bases must be
// canonical (else 0); RFLAGS keeps only arithmetic and direction flags, with IF on and TF off.
inline word sanitise_user_register(unsigned i, word v) {
    constexpr unsigned rip = 0, rflags = 2, fs_base = 18, gs_base = 19;
    if (i == rflags) return ((v | bit(1) | rflags_if) & ~(bit(3) | bit(5) | bit(8))) & 0xfff;
    if ((i == rip || i == fs_base || i == gs_base) && !is_canonical(v)) return 0;
    return v;
}

// A thread's FPU and SSE registers while another thread's are loaded: the FXSAVE area.
struct FpuState {
    alignas(16) u8 bytes[512];
};
static_assert(sizeof(FpuState) == 512 && alignof(FpuState) == 16, "FXSAVE's area: 512 bytes, 16-aligned");

// The FXSAVE image of a freshly initialised FPU: x87 control word 0x37f, MXCSR 0x1f80.
inline void init_fpu_state(FpuState& state) {
    for (u8& b : state.bytes) b = 0;
    state.bytes[0] = 0x7f;
    state.bytes[1] = 0x03;
    state.bytes[24] = 0x80;
    state.bytes[25] = 0x1f;
}

// Fault messages (seL4_UnknownSyscall_* and seL4_UserException_* layouts) and the registers a
// handler's reply may rewrite: the first 18 and 3 of those words respectively.
constexpr unsigned syscall_reply_registers = 18, exception_reply_registers = 3;
// MCS: a reply to a timeout fault rewrites the first 19 user registers (seL4_TimeoutReply_Length:
// RIP to R15 and the TLS base, in seL4_UserContext order).
constexpr unsigned timeout_reply_registers = 19;
inline word* syscall_message_register(Context& c, unsigned i) {
    static constexpr word Context::*regs[] = {
        &Context::rax, &Context::rbx, &Context::rcx, &Context::rdx, &Context::rsi, &Context::rdi,
        &Context::rbp, &Context::r8,  &Context::r9,  &Context::r10, &Context::r11, &Context::r12,
        &Context::r13, &Context::r14, &Context::r15, &Context::fault_ip, &Context::rsp, &Context::rflags};
    return &(c.*regs[i]);
}
inline word* exception_message_register(Context& c, unsigned i) {
    static constexpr word Context::*regs[] = {&Context::fault_ip, &Context::rsp, &Context::rflags};
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
    if (r == &c.rflags) v = sanitise_user_register(2, v);
    if (r == &c.fault_ip) v = sanitise_user_register(0, v);
    *r = v;
}

// A fresh user context that starts at `entry` with `arg0` in RDI (seL4's capRegister).
inline Context initial_user_context(word entry, word arg0) {
    Context c{};
    c.rip = entry;
    c.rdi = arg0;
    c.fault_ip = entry;
    c.cs = user_code_selector;
    c.ss = user_data_selector;
    c.rflags = rflags_user_default;
    return c;
}

}  // namespace arch
