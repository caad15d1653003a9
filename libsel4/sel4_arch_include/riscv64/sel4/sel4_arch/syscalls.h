/* riscv64 system calls: `ecall` with a7 = number, a0 = cap in / badge out, a1 = message info,
 * a2..a5 = message registers 0-3, with MCS a6 = reply cap, t0 = NBSendRecv's destination (seL4
 * 16.0.0's RISC-V convention). The kernel preserves every other register. The calls themselves are
 * generic: sel4/syscalls.h. */
#pragma once

#include <sel4/config.h>
#include <sel4/functions.h>
#include <sel4/types.h>

LIBSEL4_INLINE_FUNC void riscv_sys_send(seL4_Word sys, seL4_Word dest, seL4_Word info, seL4_Word mr0, seL4_Word mr1,
                                        seL4_Word mr2, seL4_Word mr3)
{
    register seL4_Word a0 __asm__("a0") = dest;
    register seL4_Word a1 __asm__("a1") = info;
    register seL4_Word a2 __asm__("a2") = mr0;
    register seL4_Word a3 __asm__("a3") = mr1;
    register seL4_Word a4 __asm__("a4") = mr2;
    register seL4_Word a5 __asm__("a5") = mr3;
    register seL4_Word a7 __asm__("a7") = sys;
    __asm__ volatile("ecall"
                     : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3), "+r"(a4), "+r"(a5)
                     : "r"(a7)
                     : "memory");
}

LIBSEL4_INLINE_FUNC void riscv_sys_send_null(seL4_Word sys, seL4_Word dest, seL4_Word info)
{
    register seL4_Word a0 __asm__("a0") = dest;
    register seL4_Word a1 __asm__("a1") = info;
    register seL4_Word a7 __asm__("a7") = sys;
    __asm__ volatile("ecall" : "+r"(a0), "+r"(a1) : "r"(a7) : "memory");
}

LIBSEL4_INLINE_FUNC void riscv_sys_recv(seL4_Word sys, seL4_Word src, seL4_Word *out_badge, seL4_Word *out_info,
                                        seL4_Word *out_mr0, seL4_Word *out_mr1, seL4_Word *out_mr2, seL4_Word *out_mr3)
{
    register seL4_Word a0 __asm__("a0") = src;
    register seL4_Word a1 __asm__("a1");
    register seL4_Word a2 __asm__("a2");
    register seL4_Word a3 __asm__("a3");
    register seL4_Word a4 __asm__("a4");
    register seL4_Word a5 __asm__("a5");
    register seL4_Word a7 __asm__("a7") = sys;
    __asm__ volatile("ecall"
                     : "+r"(a0), "=r"(a1), "=r"(a2), "=r"(a3), "=r"(a4), "=r"(a5)
                     : "r"(a7)
                     : "memory");
    *out_badge = a0;
    *out_info = a1;
    *out_mr0 = a2;
    *out_mr1 = a3;
    *out_mr2 = a4;
    *out_mr3 = a5;
}

/* Every register of a call: sends info and MRs 0-3 on src (with MCS, reply and NBSendRecv's dest),
 * receives the badge, info and MRs 0-3 (upstream's MCS signature). */
LIBSEL4_INLINE_FUNC void riscv_sys_nbsend_recv(seL4_Word sys, seL4_Word dest, seL4_Word src, seL4_Word *out_badge,
                                               seL4_Word info, seL4_Word *out_info, seL4_Word *in_out_mr0,
                                               seL4_Word *in_out_mr1, seL4_Word *in_out_mr2, seL4_Word *in_out_mr3,
                                               seL4_Word reply)
{
    register seL4_Word a0 __asm__("a0") = src;
    register seL4_Word a1 __asm__("a1") = info;
    register seL4_Word a2 __asm__("a2") = *in_out_mr0;
    register seL4_Word a3 __asm__("a3") = *in_out_mr1;
    register seL4_Word a4 __asm__("a4") = *in_out_mr2;
    register seL4_Word a5 __asm__("a5") = *in_out_mr3;
    register seL4_Word a7 __asm__("a7") = sys;
    SEL4_MCS_REGISTERS("a6", "t0", reply, dest);
    __asm__ volatile("ecall"
                     : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3), "+r"(a4), "+r"(a5)
                     : "r"(a7) SEL4_MCS_INPUTS
                     : "memory");
    *out_badge = a0;
    *out_info = a1;
    *in_out_mr0 = a2;
    *in_out_mr1 = a3;
    *in_out_mr2 = a4;
    *in_out_mr3 = a5;
}

LIBSEL4_INLINE_FUNC void riscv_sys_send_recv(seL4_Word sys, seL4_Word dest, seL4_Word *out_badge, seL4_Word info,
                                             seL4_Word *out_info, seL4_Word *in_out_mr0, seL4_Word *in_out_mr1,
                                             seL4_Word *in_out_mr2, seL4_Word *in_out_mr3)
{
    riscv_sys_nbsend_recv(sys, 0, dest, out_badge, info, out_info, in_out_mr0, in_out_mr1, in_out_mr2, in_out_mr3, 0);
}

/* A call that passes nothing but its number (Yield, DebugHalt, ...); a0 and a1 are not kept. */
LIBSEL4_INLINE_FUNC void riscv_sys_null(seL4_Word sys)
{
    register seL4_Word a7 __asm__("a7") = sys;
    __asm__ volatile("ecall" : : "r"(a7) : "a0", "a1", "memory");
}


/* The names sel4/syscalls.h writes the system calls in. */
#define seL4_arch_sys_send riscv_sys_send
#define seL4_arch_sys_send_null riscv_sys_send_null
#define seL4_arch_sys_recv riscv_sys_recv
#define seL4_arch_sys_send_recv riscv_sys_send_recv
#define seL4_arch_sys_nbsend_recv riscv_sys_nbsend_recv
#define seL4_arch_sys_null riscv_sys_null
