/* riscv64 system calls (seL4 16.0.0's RISC-V convention): `ecall` with a7 = number, a0 = cap in /
 * badge out, a1 = message info, a2..a5 = message registers 0-3, with MCS a6 = reply cap, t0 =
 * NBSendRecv's destination. The primitives are sel4/register_syscalls.h's, under upstream's
 * riscv_sys_* names too. */
#pragma once

#define SEL4_SYSCALL_INSN "ecall"
#define SEL4_REG_NUMBER "a7"
#define SEL4_REG_CAP "a0"
#define SEL4_REG_INFO "a1"
#define SEL4_REG_MR0 "a2"
#define SEL4_REG_MR1 "a3"
#define SEL4_REG_MR2 "a4"
#define SEL4_REG_MR3 "a5"
#define SEL4_REG_REPLY "a6"
#define SEL4_REG_DEST "t0"

#include <sel4/register_syscalls.h>

#define riscv_sys_send seL4_arch_sys_send
#define riscv_sys_send_null seL4_arch_sys_send_null
#define riscv_sys_recv seL4_arch_sys_recv
#define riscv_sys_send_recv seL4_arch_sys_send_recv
#define riscv_sys_nbsend_recv seL4_arch_sys_nbsend_recv
#define riscv_sys_null seL4_arch_sys_null
