/* libsel4 helper macros (seL4 16.0.0 names). */
#pragma once

#define LIBSEL4_INLINE static inline
#define LIBSEL4_INLINE_FUNC static inline
#define LIBSEL4_UNUSED __attribute__((unused))
#define LIBSEL4_WEAK __attribute__((weak))
#define LIBSEL4_NOINLINE __attribute__((noinline))
#define SEL4_PACKED __attribute__((packed))
#define LIBSEL4_THREAD_LOCAL __thread
#define LIBSEL4_BIT(n) (1ul << (n))

#ifdef __cplusplus
#define SEL4_COMPILE_ASSERT(name, expr) static_assert(expr, #name);
#else
#define SEL4_COMPILE_ASSERT(name, expr) _Static_assert(expr, #name);
#endif

#define SEL4_FORCE_LONG_ENUM(type) _enum_pad_##type = (1ULL << ((sizeof(long) * 8) - 1)) - 1
