/* x86_64 system call stubs: `syscall` with RDX = number, RDI = cap/badge, RSI = message info,
 * R10/R8/R9/R15 = message registers 0-3; RSP is kept in RBX across the instruction. */
#pragma once

#include <sel4/config.h>
#include <sel4/simple_types.h>
#include <sel4/syscall.h>

static inline void seL4_x86_64_sys_send_null(seL4_Word sys, seL4_Word dest, seL4_Word info)
{
    __asm__ volatile("movq %%rsp, %%rbx\n\tsyscall\n\tmovq %%rbx, %%rsp"
                     : "+D"(dest), "+S"(info)
                     : "d"(sys)
                     : "rbx", "rcx", "r11", "memory");
}

#ifdef CONFIG_PRINTING
static inline void seL4_DebugPutChar(char c)
{
    seL4_x86_64_sys_send_null(seL4_SysDebugPutChar, (seL4_Word)(unsigned char)c, 0);
}

static inline void seL4_DebugPutString(const char *str)
{
    for (; *str; str++) {
        seL4_DebugPutChar(*str);
    }
}
#endif

#ifdef CONFIG_DEBUG_BUILD
static inline void seL4_DebugHalt(void)
{
    seL4_x86_64_sys_send_null(seL4_SysDebugHalt, 0, 0);
}
#endif

#ifdef CONFIG_SET_TLS_BASE_SELF
static inline void seL4_SetTLSBase(seL4_Word tls_base)
{
    seL4_x86_64_sys_send_null(seL4_SysSetTLSBase, tls_base, 0);
}
#endif
