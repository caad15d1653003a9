/* How aarch64's basic types are built (seL4 16.0.0 names): a word is 64 bits, a 64-bit integer a long.
 * Keel's sel4/simple_types.h states the types themselves. */
#pragma once

#define SEL4_WORD_IS_UINT64
#define SEL4_INT64_IS_LONG
