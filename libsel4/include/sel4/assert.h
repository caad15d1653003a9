/* Run-time and compile-time assertions (seL4 16.0.0 names). __assert_fail is the C library's (or
 * the program's): libsel4 only declares it. */
#pragma once

#include <sel4/macros.h>

#ifdef __cplusplus
extern "C"
#endif
void __assert_fail(const char *expr, const char *file, int line, const char *function);

#define seL4_Fail(message) __assert_fail(message, __FILE__, __LINE__, __func__)
#define seL4_Assert(expr)                                                                         \
    do {                                                                                          \
        if (!(expr)) {                                                                            \
            seL4_Fail(#expr);                                                                     \
        }                                                                                         \
    } while (0)
#define seL4_CompileTimeAssert(expr) SEL4_COMPILE_ASSERT(seL4_CompileTimeAssert, expr)
