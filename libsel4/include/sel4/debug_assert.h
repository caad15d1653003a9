/* seL4_DebugAssert (seL4 16.0.0): seL4_Assert unless NDEBUG is defined, then nothing. */
#pragma once

#ifdef NDEBUG
#define seL4_DebugAssert(expr) ((void)0)
#else
#include <sel4/assert.h>
#define seL4_DebugAssert(expr) seL4_Assert(expr)
#endif
