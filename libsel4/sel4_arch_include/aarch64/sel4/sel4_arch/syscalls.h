/* aarch64 system calls (seL4 16.0.0's AArch64 convention): `svc #0` with x7 = number, x0 = cap in /
 * badge out, x1 = message info, x2..x5 = message registers 0-3, with MCS x6 = reply cap, x8 =
 * NBSendRecv's destination. The primitives are sel4/register_syscalls.h's, under upstream's
 * arm_sys_* names too. */
#pragma once

#define SEL4_SYSCALL_INSN "svc #0"
#define SEL4_REG_NUMBER "x7"
#define SEL4_REG_CAP "x0"
#define SEL4_REG_INFO "x1"
#define SEL4_REG_MR0 "x2"
#define SEL4_REG_MR1 "x3"
#define SEL4_REG_MR2 "x4"
#define SEL4_REG_MR3 "x5"
#define SEL4_REG_REPLY "x6"
#define SEL4_REG_DEST "x8"

#include <sel4/register_syscalls.h>

#define arm_sys_send seL4_arch_sys_send
#define arm_sys_send_null seL4_arch_sys_send_null
#define arm_sys_recv seL4_arch_sys_recv
#define arm_sys_send_recv seL4_arch_sys_send_recv
#define arm_sys_nbsend_recv seL4_arch_sys_nbsend_recv
#define arm_sys_null seL4_arch_sys_null
