/* x86_64 system calls: `syscall` with RDX = number, RDI = cap in / badge out, RSI = message info,
 * R10/R8/R9/R15 = message registers 0-3; with MCS R12 = reply cap, R13 = NBSendRecv's destination.
 * RSP is kept in RBX across the instruction; RCX and R11 are clobbered by it. The calls themselves
 * are generic: sel4/syscalls.h. */
#pragma once

#include <sel4/config.h>
#include <sel4/functions.h>
#include <sel4/types.h>

LIBSEL4_INLINE_FUNC void x64_sys_send(seL4_Word sys, seL4_Word dest, seL4_Word info, seL4_Word mr0, seL4_Word mr1,
                                      seL4_Word mr2, seL4_Word mr3)
{
    register seL4_Word r10 __asm__("r10") = mr0;
    register seL4_Word r8 __asm__("r8") = mr1;
    register seL4_Word r9 __asm__("r9") = mr2;
    register seL4_Word r15 __asm__("r15") = mr3;
    __asm__ volatile("movq %%rsp, %%rbx\n\tsyscall\n\tmovq %%rbx, %%rsp"
                     : "+D"(dest), "+S"(info), "+r"(r10), "+r"(r8), "+r"(r9), "+r"(r15)
                     : "d"(sys)
                     : "rbx", "rcx", "r11", "memory");
}

LIBSEL4_INLINE_FUNC void x64_sys_send_null(seL4_Word sys, seL4_Word dest, seL4_Word info)
{
    __asm__ volatile("movq %%rsp, %%rbx\n\tsyscall\n\tmovq %%rbx, %%rsp"
                     : "+D"(dest), "+S"(info)
                     : "d"(sys)
                     : "rbx", "rcx", "r11", "memory");
}

LIBSEL4_INLINE_FUNC void x64_sys_recv(seL4_Word sys, seL4_Word src, seL4_Word *out_badge, seL4_Word *out_info,
                                      seL4_Word *out_mr0, seL4_Word *out_mr1, seL4_Word *out_mr2, seL4_Word *out_mr3)
{
    register seL4_Word r10 __asm__("r10");
    register seL4_Word r8 __asm__("r8");
    register seL4_Word r9 __asm__("r9");
    register seL4_Word r15 __asm__("r15");
    seL4_Word info;
    __asm__ volatile("movq %%rsp, %%rbx\n\tsyscall\n\tmovq %%rbx, %%rsp"
                     : "+D"(src), "=S"(info), "=r"(r10), "=r"(r8), "=r"(r9), "=r"(r15)
                     : "d"(sys)
                     : "rbx", "rcx", "r11", "memory");
    *out_badge = src;
    *out_info = info;
    *out_mr0 = r10;
    *out_mr1 = r8;
    *out_mr2 = r9;
    *out_mr3 = r15;
}

/* Every register of a call: sends info and MRs 0-3 on src (with MCS, reply and NBSendRecv's dest),
 * receives the badge, info and MRs 0-3 (upstream's MCS signature). */
LIBSEL4_INLINE_FUNC void x64_sys_nbsend_recv(seL4_Word sys, seL4_Word dest, seL4_Word src, seL4_Word *out_badge,
                                             seL4_Word info, seL4_Word *out_info, seL4_Word *in_out_mr0,
                                             seL4_Word *in_out_mr1, seL4_Word *in_out_mr2, seL4_Word *in_out_mr3,
                                             seL4_Word reply)
{
    register seL4_Word r10 __asm__("r10") = *in_out_mr0;
    register seL4_Word r8 __asm__("r8") = *in_out_mr1;
    register seL4_Word r9 __asm__("r9") = *in_out_mr2;
    register seL4_Word r15 __asm__("r15") = *in_out_mr3;
    SEL4_MCS_REGISTERS("r12", "r13", reply, dest);
    __asm__ volatile("movq %%rsp, %%rbx\n\tsyscall\n\tmovq %%rbx, %%rsp"
                     : "+D"(src), "+S"(info), "+r"(r10), "+r"(r8), "+r"(r9), "+r"(r15)
                     : "d"(sys) SEL4_MCS_INPUTS
                     : "rbx", "rcx", "r11", "memory");
    *out_badge = src;
    *out_info = info;
    *in_out_mr0 = r10;
    *in_out_mr1 = r8;
    *in_out_mr2 = r9;
    *in_out_mr3 = r15;
}

LIBSEL4_INLINE_FUNC void x64_sys_send_recv(seL4_Word sys, seL4_Word dest, seL4_Word *out_badge, seL4_Word info,
                                           seL4_Word *out_info, seL4_Word *in_out_mr0, seL4_Word *in_out_mr1,
                                           seL4_Word *in_out_mr2, seL4_Word *in_out_mr3)
{
    x64_sys_nbsend_recv(sys, 0, dest, out_badge, info, out_info, in_out_mr0, in_out_mr1, in_out_mr2, in_out_mr3, 0);
}

LIBSEL4_INLINE_FUNC void x64_sys_null(seL4_Word sys)
{
    __asm__ volatile("movq %%rsp, %%rbx\n\tsyscall\n\tmovq %%rbx, %%rsp"
                     :
                     : "d"(sys)
                     : "rbx", "rcx", "rsi", "rdi", "r11", "memory");
}


/* The names sel4/syscalls.h writes the system calls in. */
#define seL4_arch_sys_send x64_sys_send
#define seL4_arch_sys_send_null x64_sys_send_null
#define seL4_arch_sys_recv x64_sys_recv
#define seL4_arch_sys_send_recv x64_sys_send_recv
#define seL4_arch_sys_nbsend_recv x64_sys_nbsend_recv
#define seL4_arch_sys_null x64_sys_null
