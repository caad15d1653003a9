/* libsel4 helper macros (seL4 16.0.0 names). */
#pragma once

#include <sel4/config.h>

#define LIBSEL4_INLINE static inline
#define LIBSEL4_INLINE_FUNC static inline
#define LIBSEL4_UNUSED __attribute__((unused))
#define LIBSEL4_WEAK __attribute__((weak))
#define LIBSEL4_NOINLINE __attribute__((noinline))
#define SEL4_PACKED __attribute__((packed))
#define LIBSEL4_THREAD_LOCAL __thread
#define LIBSEL4_BIT(n) (1ul << (n))
#define SEL4_DEPRECATED(reason) __attribute__((deprecated(reason)))
/* A deprecated macro's value (upstream marks it with a pragma compilers do not know; Keel does not). */
#define SEL4_DEPRECATE_MACRO(value) value

#ifdef __cplusplus
#define SEL4_COMPILE_ASSERT(name, expr) static_assert(expr, #name);
#else
#define SEL4_COMPILE_ASSERT(name, expr) _Static_assert(expr, #name);
#endif

/* Asserts that an index of `entry` bits into entries of 2^`index` bytes spans an object of 2^`size` bytes. */
#define SEL4_SIZE_SANITY(index, entry, size) SEL4_COMPILE_ASSERT(index##_##entry##_##size, (index) + (entry) == (size))

#ifndef CONST
#define CONST __attribute__((__const__))
#endif
#ifndef PURE
#define PURE __attribute__((__pure__))
#endif

#define SEL4_FORCE_LONG_ENUM(type) _enum_pad_##type = (1ULL << ((sizeof(long) * 8) - 1)) - 1

/* The two registers MCS adds to a system call, named by each architecture (x86_64: r12, r13;
 * riscv64: a6, t0): the reply cap and NBSendRecv's destination. Classic passes neither. */
#ifdef CONFIG_KERNEL_MCS
#define SEL4_MCS_REGISTERS(reply_register, dest_register, reply, dest)                            \
    register seL4_Word seL4_mcs_reply __asm__(reply_register) = (reply);                          \
    register seL4_Word seL4_mcs_dest __asm__(dest_register) = (dest)
#define SEL4_MCS_INPUTS , "r"(seL4_mcs_reply), "r"(seL4_mcs_dest)
#else
#define SEL4_MCS_REGISTERS(reply_register, dest_register, reply, dest) (void)(reply), (void)(dest)
#define SEL4_MCS_INPUTS
#endif
