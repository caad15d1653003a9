// SYSCALL on riscv64: what an ecall keeps, and tp as the TLS base. seL4 restores every register
// from the thread's context on the way out, so a call that returns nothing leaves all 31 as they were.
#include <keel/arch.h>
#include "cspace_helpers.h"

extern "C" {
seL4_Word keel_ecall_registers[32];  // x0 to x31 after the ecall (x0 and x2, sp, are not stored)
}

namespace {

// xorshift64: deterministic garbage for register values.
seL4_Word next_random(seL4_Word& state) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

// DebugPutChar('.') (a0 = '.', a7 = seL4_SysDebugPutChar) with every other register but sp set to
// 0x100 + its number, then every register stored into keel_ecall_registers; ra, gp, tp and the
// callee-saved registers are restored afterwards.
void ecall_with_patterns() {
    asm volatile(
        "addi sp, sp, -128\n\t"
        "sd ra, 0(sp)\n\tsd gp, 8(sp)\n\tsd tp, 16(sp)\n\tsd s0, 24(sp)\n\tsd s1, 32(sp)\n\t"
        "sd s2, 40(sp)\n\tsd s3, 48(sp)\n\tsd s4, 56(sp)\n\tsd s5, 64(sp)\n\tsd s6, 72(sp)\n\t"
        "sd s7, 80(sp)\n\tsd s8, 88(sp)\n\tsd s9, 96(sp)\n\tsd s10, 104(sp)\n\tsd s11, 112(sp)\n\t"
        "li x1, 0x101\n\tli x3, 0x103\n\tli x4, 0x104\n\tli x5, 0x105\n\tli x6, 0x106\n\tli x7, 0x107\n\t"
        "li x8, 0x108\n\tli x9, 0x109\n\tli x10, 0x2e\n\tli x11, 0x10b\n\tli x12, 0x10c\n\tli x13, 0x10d\n\t"
        "li x14, 0x10e\n\tli x15, 0x10f\n\tli x16, 0x110\n\tli x17, %[put_char]\n\tli x18, 0x112\n\tli x19, 0x113\n\t"
        "li x20, 0x114\n\tli x21, 0x115\n\tli x22, 0x116\n\tli x23, 0x117\n\tli x24, 0x118\n\tli x25, 0x119\n\t"
        "li x26, 0x11a\n\tli x27, 0x11b\n\tli x28, 0x11c\n\tli x29, 0x11d\n\tli x30, 0x11e\n\tli x31, 0x11f\n\t"
        "ecall\n\t"
        "sd t0, -8(sp)\n\t"  // below sp: nothing else runs on this stack meanwhile
        "lla t0, keel_ecall_registers\n\t"
        "sd x1, 8(t0)\n\tsd x3, 24(t0)\n\tsd x4, 32(t0)\n\tsd x6, 48(t0)\n\tsd x7, 56(t0)\n\t"
        "sd x8, 64(t0)\n\tsd x9, 72(t0)\n\tsd x10, 80(t0)\n\tsd x11, 88(t0)\n\tsd x12, 96(t0)\n\tsd x13, 104(t0)\n\t"
        "sd x14, 112(t0)\n\tsd x15, 120(t0)\n\tsd x16, 128(t0)\n\tsd x17, 136(t0)\n\tsd x18, 144(t0)\n\t"
        "sd x19, 152(t0)\n\tsd x20, 160(t0)\n\tsd x21, 168(t0)\n\tsd x22, 176(t0)\n\tsd x23, 184(t0)\n\t"
        "sd x24, 192(t0)\n\tsd x25, 200(t0)\n\tsd x26, 208(t0)\n\tsd x27, 216(t0)\n\tsd x28, 224(t0)\n\t"
        "sd x29, 232(t0)\n\tsd x30, 240(t0)\n\tsd x31, 248(t0)\n\t"
        "ld t1, -8(sp)\n\tsd t1, 40(t0)\n\t"
        "ld ra, 0(sp)\n\tld gp, 8(sp)\n\tld tp, 16(sp)\n\tld s0, 24(sp)\n\tld s1, 32(sp)\n\t"
        "ld s2, 40(sp)\n\tld s3, 48(sp)\n\tld s4, 56(sp)\n\tld s5, 64(sp)\n\tld s6, 72(sp)\n\t"
        "ld s7, 80(sp)\n\tld s8, 88(sp)\n\tld s9, 96(sp)\n\tld s10, 104(sp)\n\tld s11, 112(sp)\n\t"
        "addi sp, sp, 128"
        :
        : [put_char] "i"(seL4_SysDebugPutChar)
        : "t0", "t1", "t2", "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "t3", "t4", "t5", "t6", "memory");
}

}  // namespace

KEEL_TEST(SYSCALL0010, "riscv64: every register but sp comes back from a DebugPutChar ecall as it went in") {
    ecall_with_patterns();
    keel_printf("\n");
    for (unsigned x = 1; x < 32; x++) {
        if (x == 2) continue;  // sp
        seL4_Word expected = x == 10 ? 0x2e : x == 17 ? static_cast<seL4_Word>(seL4_SysDebugPutChar) : 0x100 + x;
        if (keel_ecall_registers[x] != expected) keel_printf("# x%u = 0x%lx, expected 0x%lx\n", x, keel_ecall_registers[x], expected);
        KEEL_CHECK_EQ(keel_ecall_registers[x], expected);
    }
}

KEEL_TEST(SYSCALL0011, "riscv64: DebugPutChar prints only a0's low byte; garbage in a1-a6 and temporaries is harmless") {
    seL4_Word state = 0x9e3779b97f4a7c15;
    for (int i = 0; i < 200; i++) {
        register seL4_Word a0 asm("a0") = (next_random(state) & ~0xfful) | '.';
        register seL4_Word a1 asm("a1") = next_random(state);
        register seL4_Word a2 asm("a2") = next_random(state);
        register seL4_Word a3 asm("a3") = next_random(state);
        register seL4_Word a4 asm("a4") = next_random(state);
        register seL4_Word a5 asm("a5") = next_random(state);
        register seL4_Word a6 asm("a6") = next_random(state);
        register seL4_Word t0 asm("t0") = next_random(state);
        register seL4_Word t6 asm("t6") = next_random(state);
        register seL4_Word a7 asm("a7") = static_cast<seL4_Word>(seL4_SysDebugPutChar);
        asm volatile("ecall"
                     : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3), "+r"(a4), "+r"(a5), "+r"(a6), "+r"(t0), "+r"(t6)
                     : "r"(a7)
                     : "memory");
    }
    keel_printf("\n");
    KEEL_CHECK_EQ(__sel4_ipc_buffer, keel_bootinfo()->ipcBuffer);  // tp and the TLS block intact
}

KEEL_TEST(SYSCALL0012, "riscv64: seL4_SetTLSBase writes tp whatever the value (no canonical-address rule), and the thread keeps running") {
    seL4_Word tp = keel_thread_pointer();
    const seL4_Word values[] = {0x0000800000000000, 0xffffffc080000000, 1};
    for (seL4_Word v : values) {
        seL4_SetTLSBase(v);
        seL4_Word seen = keel_thread_pointer();  // no TLS access until tp is back
        seL4_SetTLSBase(tp);
        KEEL_CHECK_EQ(seen, v);
    }
    KEEL_CHECK_EQ(__sel4_ipc_buffer, keel_bootinfo()->ipcBuffer);
}
