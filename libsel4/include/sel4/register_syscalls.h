/* Keel's system-call primitives for an architecture that traps with one instruction and passes a
 * call in named registers (riscv64: ecall, aarch64: svc #0). The arch's sel4_arch/syscalls.h names
 * them before including this header: SEL4_SYSCALL_INSN, and the registers of the number
 * (SEL4_REG_NUMBER), the cap in / badge out (SEL4_REG_CAP), the message info (SEL4_REG_INFO), message
 * registers 0-3 (SEL4_REG_MR0..3) and MCS's reply cap and NBSendRecv destination (SEL4_REG_REPLY,
 * SEL4_REG_DEST). The kernel preserves every other register. The calls themselves are generic:
 * sel4/syscalls.h, written in the seL4_arch_sys_* names defined here. */
#pragma once

#include <sel4/config.h>
#include <sel4/functions.h>
#include <sel4/types.h>

LIBSEL4_INLINE_FUNC void seL4_arch_sys_send(seL4_Word sys, seL4_Word dest, seL4_Word info, seL4_Word mr0,
                                            seL4_Word mr1, seL4_Word mr2, seL4_Word mr3)
{
    register seL4_Word cap __asm__(SEL4_REG_CAP) = dest;
    register seL4_Word tag __asm__(SEL4_REG_INFO) = info;
    register seL4_Word m0 __asm__(SEL4_REG_MR0) = mr0;
    register seL4_Word m1 __asm__(SEL4_REG_MR1) = mr1;
    register seL4_Word m2 __asm__(SEL4_REG_MR2) = mr2;
    register seL4_Word m3 __asm__(SEL4_REG_MR3) = mr3;
    register seL4_Word number __asm__(SEL4_REG_NUMBER) = sys;
    __asm__ volatile(SEL4_SYSCALL_INSN
                     : "+r"(cap), "+r"(tag), "+r"(m0), "+r"(m1), "+r"(m2), "+r"(m3)
                     : "r"(number)
                     : "memory");
}

LIBSEL4_INLINE_FUNC void seL4_arch_sys_send_null(seL4_Word sys, seL4_Word dest, seL4_Word info)
{
    register seL4_Word cap __asm__(SEL4_REG_CAP) = dest;
    register seL4_Word tag __asm__(SEL4_REG_INFO) = info;
    register seL4_Word number __asm__(SEL4_REG_NUMBER) = sys;
    __asm__ volatile(SEL4_SYSCALL_INSN : "+r"(cap), "+r"(tag) : "r"(number) : "memory");
}

LIBSEL4_INLINE_FUNC void seL4_arch_sys_recv(seL4_Word sys, seL4_Word src, seL4_Word *out_badge, seL4_Word *out_info,
                                            seL4_Word *out_mr0, seL4_Word *out_mr1, seL4_Word *out_mr2,
                                            seL4_Word *out_mr3)
{
    register seL4_Word cap __asm__(SEL4_REG_CAP) = src;
    register seL4_Word tag __asm__(SEL4_REG_INFO);
    register seL4_Word m0 __asm__(SEL4_REG_MR0);
    register seL4_Word m1 __asm__(SEL4_REG_MR1);
    register seL4_Word m2 __asm__(SEL4_REG_MR2);
    register seL4_Word m3 __asm__(SEL4_REG_MR3);
    register seL4_Word number __asm__(SEL4_REG_NUMBER) = sys;
    __asm__ volatile(SEL4_SYSCALL_INSN
                     : "+r"(cap), "=r"(tag), "=r"(m0), "=r"(m1), "=r"(m2), "=r"(m3)
                     : "r"(number)
                     : "memory");
    *out_badge = cap;
    *out_info = tag;
    *out_mr0 = m0;
    *out_mr1 = m1;
    *out_mr2 = m2;
    *out_mr3 = m3;
}

/* Every register of a call: sends info and MRs 0-3 on src (with MCS, reply and NBSendRecv's dest),
 * receives the badge, info and MRs 0-3 (upstream's MCS signature). */
LIBSEL4_INLINE_FUNC void seL4_arch_sys_nbsend_recv(seL4_Word sys, seL4_Word dest, seL4_Word src, seL4_Word *out_badge,
                                                   seL4_Word info, seL4_Word *out_info, seL4_Word *in_out_mr0,
                                                   seL4_Word *in_out_mr1, seL4_Word *in_out_mr2,
                                                   seL4_Word *in_out_mr3, seL4_Word reply)
{
    register seL4_Word cap __asm__(SEL4_REG_CAP) = src;
    register seL4_Word tag __asm__(SEL4_REG_INFO) = info;
    register seL4_Word m0 __asm__(SEL4_REG_MR0) = *in_out_mr0;
    register seL4_Word m1 __asm__(SEL4_REG_MR1) = *in_out_mr1;
    register seL4_Word m2 __asm__(SEL4_REG_MR2) = *in_out_mr2;
    register seL4_Word m3 __asm__(SEL4_REG_MR3) = *in_out_mr3;
    register seL4_Word number __asm__(SEL4_REG_NUMBER) = sys;
    SEL4_MCS_REGISTERS(SEL4_REG_REPLY, SEL4_REG_DEST, reply, dest);
    __asm__ volatile(SEL4_SYSCALL_INSN
                     : "+r"(cap), "+r"(tag), "+r"(m0), "+r"(m1), "+r"(m2), "+r"(m3)
                     : "r"(number) SEL4_MCS_INPUTS
                     : "memory");
    *out_badge = cap;
    *out_info = tag;
    *in_out_mr0 = m0;
    *in_out_mr1 = m1;
    *in_out_mr2 = m2;
    *in_out_mr3 = m3;
}

LIBSEL4_INLINE_FUNC void seL4_arch_sys_send_recv(seL4_Word sys, seL4_Word dest, seL4_Word *out_badge, seL4_Word info,
                                                 seL4_Word *out_info, seL4_Word *in_out_mr0, seL4_Word *in_out_mr1,
                                                 seL4_Word *in_out_mr2, seL4_Word *in_out_mr3)
{
    seL4_arch_sys_nbsend_recv(sys, 0, dest, out_badge, info, out_info, in_out_mr0, in_out_mr1, in_out_mr2,
                              in_out_mr3, 0);
}

/* A call that passes nothing but its number (Yield, DebugHalt, ...); the cap and info registers are
 * not kept. */
LIBSEL4_INLINE_FUNC void seL4_arch_sys_null(seL4_Word sys)
{
    register seL4_Word number __asm__(SEL4_REG_NUMBER) = sys;
    __asm__ volatile(SEL4_SYSCALL_INSN : : "r"(number) : SEL4_REG_CAP, SEL4_REG_INFO, "memory");
}
