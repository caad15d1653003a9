// SYSCALL on aarch64: what an svc keeps. seL4 restores every register from the thread's context on
// the way out, so a call that returns nothing leaves x0-x30 as they were.
#include <keel/arch.h>
#include "cspace_helpers.h"

extern "C" {
seL4_Word keel_svc_registers[31];  // x0 to x30 after the svc (x0 is not stored: it holds the character)
}

namespace {

// DebugPutChar('.') (x0 = '.', x7 = seL4_SysDebugPutChar) with x1-x30 but x7 set to 0x100 + its
// number, then every register stored into keel_svc_registers; the callee-saved registers, the
// frame pointer and the link register are restored afterwards.
void svc_with_patterns() {
    asm volatile(
        "sub sp, sp, #112\n\t"
        "stp x19, x20, [sp, #0]\n\tstp x21, x22, [sp, #16]\n\tstp x23, x24, [sp, #32]\n\t"
        "stp x25, x26, [sp, #48]\n\tstp x27, x28, [sp, #64]\n\tstp x29, x30, [sp, #80]\n\t"
        "mov x0, #0x2e\n\tmov x1, #0x101\n\tmov x2, #0x102\n\tmov x3, #0x103\n\tmov x4, #0x104\n\tmov x5, #0x105\n\tmov x6, #0x106\n\tmov x8, #0x108\n\tmov x9, #0x109\n\tmov x10, #0x10a\n\tmov x11, #0x10b\n\tmov x12, #0x10c\n\tmov x13, #0x10d\n\tmov x14, #0x10e\n\tmov x15, #0x10f\n\tmov x16, #0x110\n\tmov x17, #0x111\n\tmov x18, #0x112\n\tmov x19, #0x113\n\tmov x20, #0x114\n\tmov x21, #0x115\n\tmov x22, #0x116\n\tmov x23, #0x117\n\tmov x24, #0x118\n\tmov x25, #0x119\n\tmov x26, #0x11a\n\tmov x27, #0x11b\n\tmov x28, #0x11c\n\tmov x29, #0x11d\n\tmov x30, #0x11e\n\tmov x7, %[put_char]\n\t"
        "svc #0\n\t"
        "str x9, [sp, #96]\n\t"
        "adrp x9, keel_svc_registers\n\tadd x9, x9, :lo12:keel_svc_registers\n\t"
        "str x1, [x9, #8]\n\tstr x2, [x9, #16]\n\tstr x3, [x9, #24]\n\tstr x4, [x9, #32]\n\tstr x5, [x9, #40]\n\tstr x6, [x9, #48]\n\tstr x7, [x9, #56]\n\tstr x8, [x9, #64]\n\tstr x10, [x9, #80]\n\tstr x11, [x9, #88]\n\tstr x12, [x9, #96]\n\tstr x13, [x9, #104]\n\tstr x14, [x9, #112]\n\tstr x15, [x9, #120]\n\tstr x16, [x9, #128]\n\tstr x17, [x9, #136]\n\tstr x18, [x9, #144]\n\tstr x19, [x9, #152]\n\tstr x20, [x9, #160]\n\tstr x21, [x9, #168]\n\tstr x22, [x9, #176]\n\tstr x23, [x9, #184]\n\tstr x24, [x9, #192]\n\tstr x25, [x9, #200]\n\tstr x26, [x9, #208]\n\tstr x27, [x9, #216]\n\tstr x28, [x9, #224]\n\tstr x29, [x9, #232]\n\tstr x30, [x9, #240]\n\t"
        "ldr x10, [sp, #96]\n\tstr x10, [x9, #72]\n\t"
        "ldp x19, x20, [sp, #0]\n\tldp x21, x22, [sp, #16]\n\tldp x23, x24, [sp, #32]\n\t"
        "ldp x25, x26, [sp, #48]\n\tldp x27, x28, [sp, #64]\n\tldp x29, x30, [sp, #80]\n\t"
        "add sp, sp, #112"
        :
        : [put_char] "i"(seL4_SysDebugPutChar)
        : "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15",
          "x16", "x17", "x18", "memory");
}

}  // namespace

KEEL_TEST(SYSCALL0010, "aarch64: every register x1-x30 comes back from a DebugPutChar svc as it went in") {
    svc_with_patterns();
    keel_printf("\n");
    for (unsigned x = 1; x < 31; x++) {
        seL4_Word expected = x == 7 ? static_cast<seL4_Word>(seL4_SysDebugPutChar) : 0x100 + x;
        KEEL_CHECK_EQ(keel_svc_registers[x], expected);
    }
}

KEEL_TEST(SYSCALL0012, "aarch64: seL4_SetTLSBase writes tpidr_el0 whatever the value (no canonical-address rule), and the thread keeps running") {
    seL4_Word tp = keel_thread_pointer();
    const seL4_Word values[] = {0x0000800000000000, 0xffffff8040000000, 1};
    for (seL4_Word v : values) {
        seL4_SetTLSBase(v);
        seL4_Word seen = keel_thread_pointer();  // no TLS access until the thread pointer is back
        seL4_SetTLSBase(tp);
        KEEL_CHECK_EQ(seen, v);
    }
    KEEL_CHECK_EQ(__sel4_ipc_buffer, keel_bootinfo()->ipcBuffer);
}
