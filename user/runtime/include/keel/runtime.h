/* Keel user runtime: start-up, printing to the debug console, BootInfo access. */
#pragma once

#include <sel4/sel4.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The program's main, called once the runtime is set up. Its return value is printed and the
 * kernel asked to halt. */
int main(seL4_BootInfo *bootinfo);

/* The BootInfo the kernel handed over. */
seL4_BootInfo *keel_bootinfo(void);

/* printf to the console: %c %s %d %i %u %x %p %%, widths, l/z. The console is the kernel's debug
 * console (seL4_DebugPutChar) when the kernel prints, or else the architecture's fallback (x86_64:
 * COM1 driven by the root task through an IOPort cap; riscv64: none) (children of the root task
 * always use the kernel's). */
void keel_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Chooses the root task's console before main: the kernel's when it has seL4_DebugPutChar, else
 * the architecture's fallback. Probe threads (whose unknown-syscall faults say what the kernel
 * lacks) also find out whether the kernel has the debug calls. */
void keel_console_init(void);

/* Nonzero when the kernel has seL4's debug calls (DebugHalt, DebugCapIdentify, ...). */
int keel_kernel_is_debug(void);

/* Sets up a thread-local storage block at `area` (keel_tls_size() bytes, keel_tls_align()
 * aligned) from the program's TLS template and returns its thread pointer (x86_64: the FS base;
 * riscv64: tp), laid out as the architecture's TLS variant wants (user/runtime/arch/<arch>/tls.cc). */
unsigned long keel_tls_init(void *area);
unsigned long keel_tls_size(void);
unsigned long keel_tls_align(void);

#ifdef __cplusplus
}
#endif
