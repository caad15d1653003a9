/* aarch64 system calls: `svc #0` with x7 = number, x0 = cap in / badge out, x1 = message info,
 * x2..x5 = message registers 0-3, with MCS x6 = reply cap, x8 = NBSendRecv's destination (seL4
 * 16.0.0's AArch64 convention). The kernel preserves every other register. The calls themselves are
 * generic: sel4/syscalls.h. */
#pragma once

#include <sel4/config.h>
#include <sel4/functions.h>
#include <sel4/types.h>

LIBSEL4_INLINE_FUNC void arm_sys_send(seL4_Word sys, seL4_Word dest, seL4_Word info, seL4_Word mr0, seL4_Word mr1,
                                      seL4_Word mr2, seL4_Word mr3)
{
    register seL4_Word x0 __asm__("x0") = dest;
    register seL4_Word x1 __asm__("x1") = info;
    register seL4_Word x2 __asm__("x2") = mr0;
    register seL4_Word x3 __asm__("x3") = mr1;
    register seL4_Word x4 __asm__("x4") = mr2;
    register seL4_Word x5 __asm__("x5") = mr3;
    register seL4_Word x7 __asm__("x7") = sys;
    __asm__ volatile("svc #0"
                     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4), "+r"(x5)
                     : "r"(x7)
                     : "memory");
}

LIBSEL4_INLINE_FUNC void arm_sys_send_null(seL4_Word sys, seL4_Word dest, seL4_Word info)
{
    register seL4_Word x0 __asm__("x0") = dest;
    register seL4_Word x1 __asm__("x1") = info;
    register seL4_Word x7 __asm__("x7") = sys;
    __asm__ volatile("svc #0" : "+r"(x0), "+r"(x1) : "r"(x7) : "memory");
}

LIBSEL4_INLINE_FUNC void arm_sys_recv(seL4_Word sys, seL4_Word src, seL4_Word *out_badge, seL4_Word *out_info,
                                      seL4_Word *out_mr0, seL4_Word *out_mr1, seL4_Word *out_mr2, seL4_Word *out_mr3)
{
    register seL4_Word x0 __asm__("x0") = src;
    register seL4_Word x1 __asm__("x1");
    register seL4_Word x2 __asm__("x2");
    register seL4_Word x3 __asm__("x3");
    register seL4_Word x4 __asm__("x4");
    register seL4_Word x5 __asm__("x5");
    register seL4_Word x7 __asm__("x7") = sys;
    __asm__ volatile("svc #0"
                     : "+r"(x0), "=r"(x1), "=r"(x2), "=r"(x3), "=r"(x4), "=r"(x5)
                     : "r"(x7)
                     : "memory");
    *out_badge = x0;
    *out_info = x1;
    *out_mr0 = x2;
    *out_mr1 = x3;
    *out_mr2 = x4;
    *out_mr3 = x5;
}

/* Every register of a call: sends info and MRs 0-3 on src (with MCS, reply and NBSendRecv's dest),
 * receives the badge, info and MRs 0-3 (upstream's MCS signature). */
LIBSEL4_INLINE_FUNC void arm_sys_nbsend_recv(seL4_Word sys, seL4_Word dest, seL4_Word src, seL4_Word *out_badge,
                                             seL4_Word info, seL4_Word *out_info, seL4_Word *in_out_mr0,
                                             seL4_Word *in_out_mr1, seL4_Word *in_out_mr2, seL4_Word *in_out_mr3,
                                             seL4_Word reply)
{
    register seL4_Word x0 __asm__("x0") = src;
    register seL4_Word x1 __asm__("x1") = info;
    register seL4_Word x2 __asm__("x2") = *in_out_mr0;
    register seL4_Word x3 __asm__("x3") = *in_out_mr1;
    register seL4_Word x4 __asm__("x4") = *in_out_mr2;
    register seL4_Word x5 __asm__("x5") = *in_out_mr3;
    register seL4_Word x7 __asm__("x7") = sys;
    SEL4_MCS_REGISTERS("x6", "x8", reply, dest);
    __asm__ volatile("svc #0"
                     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4), "+r"(x5)
                     : "r"(x7) SEL4_MCS_INPUTS
                     : "memory");
    *out_badge = x0;
    *out_info = x1;
    *in_out_mr0 = x2;
    *in_out_mr1 = x3;
    *in_out_mr2 = x4;
    *in_out_mr3 = x5;
}

LIBSEL4_INLINE_FUNC void arm_sys_send_recv(seL4_Word sys, seL4_Word dest, seL4_Word *out_badge, seL4_Word info,
                                           seL4_Word *out_info, seL4_Word *in_out_mr0, seL4_Word *in_out_mr1,
                                           seL4_Word *in_out_mr2, seL4_Word *in_out_mr3)
{
    arm_sys_nbsend_recv(sys, 0, dest, out_badge, info, out_info, in_out_mr0, in_out_mr1, in_out_mr2, in_out_mr3, 0);
}

/* A call that passes nothing but its number (Yield, DebugHalt, ...); x0 and x1 are not kept. */
LIBSEL4_INLINE_FUNC void arm_sys_null(seL4_Word sys)
{
    register seL4_Word x7 __asm__("x7") = sys;
    __asm__ volatile("svc #0" : : "r"(x7) : "x0", "x1", "memory");
}


/* The names sel4/syscalls.h writes the system calls in. */
#define seL4_arch_sys_send arm_sys_send
#define seL4_arch_sys_send_null arm_sys_send_null
#define seL4_arch_sys_recv arm_sys_recv
#define seL4_arch_sys_send_recv arm_sys_send_recv
#define seL4_arch_sys_nbsend_recv arm_sys_nbsend_recv
#define seL4_arch_sys_null arm_sys_null
