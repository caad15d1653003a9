// SYSCALL on x86_64: the register convention, what survives a system call, the FS base.
#include "cspace_helpers.h"

namespace {

__thread unsigned long tls_probe = 0x7157;

// The compiler may keep a thread-local address across a call within one function (the thread
// pointer is constant for a thread), so every access after a change of TLS base is a fresh call.
[[gnu::noinline]] unsigned long read_probe() { return tls_probe; }

// Makes DebugPutChar('\0'-free char) with every general register holding a known pattern, then
// returns the registers as the kernel left them.
struct Regs {
    unsigned long rax, rbx, rcx, rdx, rsi, rdi, rbp, r8, r9, r10, r11, r12, r13, r14, r15;
};

void syscall_with_patterns(Regs& out) {
    asm volatile(
        "push %%rbp\n\t"
        "push %%rbx\n\t"
        "push %%rdi\n\t"  // &out
        "mov $0xa0a0, %%rax\n\t"
        "mov $0xb0b0, %%rbx\n\t"
        "mov $0xc0c0, %%rcx\n\t"
        "mov %[put_char], %%rdx\n\t"
        "mov $0x2e, %%rdi\n\t"  // '.'
        "mov $0x5151, %%rsi\n\t"
        "mov $0xbdbd, %%rbp\n\t"
        "mov $0x0808, %%r8\n\t"
        "mov $0x0909, %%r9\n\t"
        "mov $0x1010, %%r10\n\t"
        "mov $0x1111, %%r11\n\t"
        "mov $0x1212, %%r12\n\t"
        "mov $0x1313, %%r13\n\t"
        "mov $0x1414, %%r14\n\t"
        "mov $0x1515, %%r15\n\t"
        "mov %%rsp, %%rbx\n\t"
        "syscall\n\t"
        "mov %%rbx, %%rsp\n\t"
        "xchg %%rdi, (%%rsp)\n\t"  // rdi = &out, saved slot = rdi after the call
        "mov %%rax, 0(%%rdi)\n\t"
        "mov %%rbx, 8(%%rdi)\n\t"
        "mov %%rcx, 16(%%rdi)\n\t"
        "mov %%rdx, 24(%%rdi)\n\t"
        "mov %%rsi, 32(%%rdi)\n\t"
        "mov %%rbp, 48(%%rdi)\n\t"
        "mov %%r8, 56(%%rdi)\n\t"
        "mov %%r9, 64(%%rdi)\n\t"
        "mov %%r10, 72(%%rdi)\n\t"
        "mov %%r11, 80(%%rdi)\n\t"
        "mov %%r12, 88(%%rdi)\n\t"
        "mov %%r13, 96(%%rdi)\n\t"
        "mov %%r14, 104(%%rdi)\n\t"
        "mov %%r15, 112(%%rdi)\n\t"
        "pop %%rax\n\t"
        "mov %%rax, 40(%%rdi)\n\t"
        "pop %%rbx\n\t"
        "pop %%rbp\n\t"
        :
        : "D"(&out), [put_char] "i"(seL4_SysDebugPutChar)
        : "rax", "rcx", "rdx", "rsi", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "memory");
}

}  // namespace

KEEL_TEST(SYSCALL0001, "registers survive a system call except RCX/R11 (clobbered by syscall)") {
    Regs r{};
    syscall_with_patterns(r);
    keel_printf("\n");
    KEEL_CHECK_EQ(r.rax, 0xa0a0);
    KEEL_CHECK_EQ(r.rdx, static_cast<seL4_Word>(seL4_SysDebugPutChar));
    KEEL_CHECK_EQ(r.rsi, 0x5151);
    KEEL_CHECK_EQ(r.rdi, 0x2e);
    KEEL_CHECK_EQ(r.rbp, 0xbdbd);
    KEEL_CHECK_EQ(r.r8, 0x0808);
    KEEL_CHECK_EQ(r.r9, 0x0909);
    KEEL_CHECK_EQ(r.r10, 0x1010);
    KEEL_CHECK_EQ(r.r12, 0x1212);
    KEEL_CHECK_EQ(r.r13, 0x1313);
    KEEL_CHECK_EQ(r.r14, 0x1414);
    KEEL_CHECK_EQ(r.r15, 0x1515);
}

KEEL_TEST(SYSCALL0002, "SSE registers survive a system call") {
    unsigned long out[2];
    asm volatile(
        "mov $0x0123456789abcdef, %%rax\n\t"
        "movq %%rax, %%xmm7\n\t"
        "pinsrq $1, %%rax, %%xmm7\n\t"
        "mov %[put_char], %%rdx\n\t"
        "mov $0x2e, %%rdi\n\t"
        "mov %%rsp, %%rbx\n\t"
        "syscall\n\t"
        "mov %%rbx, %%rsp\n\t"
        "movdqu %%xmm7, %0\n\t"
        : "=m"(out)
        : [put_char] "i"(seL4_SysDebugPutChar)
        : "rax", "rbx", "rcx", "rdx", "rdi", "r11", "xmm7", "memory");
    keel_printf("\n");
    KEEL_CHECK_EQ(out[0], 0x0123456789abcdef);
    KEEL_CHECK_EQ(out[1], 0x0123456789abcdef);
}

namespace {
unsigned long current_tp() {
    unsigned long tp;
    asm volatile("mov %%fs:0, %0" : "=r"(tp));
    return tp;
}

// xorshift64: deterministic garbage for register values.
unsigned long next_random(unsigned long& state) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}
}  // namespace

KEEL_TEST(SYSCALL0005, "seL4_SetTLSBase ignores non-canonical addresses and the thread keeps running") {
    unsigned long tp = current_tp();
    const unsigned long bad[] = {0x0000800000000000, 0xffff7fffffffffff, 0x8000000000000000, 0x00ff000000000000};
    for (unsigned long b : bad) {
        seL4_SetTLSBase(b);
        KEEL_CHECK_EQ(current_tp(), tp);
        KEEL_CHECK_EQ(read_probe(), 0x7157);
    }
}

KEEL_TEST(SYSCALL0006, "DebugPutChar prints only RDI's low byte; garbage in every other register is harmless") {
    unsigned long state = 0x9e3779b97f4a7c15;
    for (int i = 0; i < 200; i++) {
        unsigned long rdi = (next_random(state) & ~0xfful) | '.';
        register unsigned long r10 asm("r10") = next_random(state);
        register unsigned long r8 asm("r8") = next_random(state);
        register unsigned long r9 asm("r9") = next_random(state);
        register unsigned long r15 asm("r15") = next_random(state);
        unsigned long rsi = next_random(state);
        asm volatile("mov %%rsp, %%rbx\n\tsyscall\n\tmov %%rbx, %%rsp"
                     : "+D"(rdi), "+S"(rsi), "+r"(r10), "+r"(r8), "+r"(r9), "+r"(r15)
                     : "d"(seL4_SysDebugPutChar)
                     : "rbx", "rcx", "r11", "memory");
    }
    keel_printf("\n");
    KEEL_CHECK_EQ(read_probe(), 0x7157);
}

