/* Basic seL4 integer types of the 64-bit architectures (seL4 16.0.0 names), usable from C11 and C++20. */
#pragma once

#include <sel4/macros.h>
#include <sel4/arch/simple_types.h>

#define seL4_integer_size_assert(type, size) SEL4_COMPILE_ASSERT(sizeof_##type##_is_##size##_byte, sizeof(type) == (size))

typedef signed char seL4_Int8;
typedef unsigned char seL4_Uint8;
typedef signed short seL4_Int16;
typedef unsigned short seL4_Uint16;
typedef signed int seL4_Int32;
typedef unsigned int seL4_Uint32;
typedef signed long seL4_Int64;
typedef unsigned long seL4_Uint64;

typedef seL4_Uint64 seL4_Word;
typedef seL4_Word seL4_CPtr;
typedef seL4_Word seL4_NodeId;
typedef seL4_Word seL4_PAddr;
typedef seL4_Word seL4_Domain;
typedef seL4_Word seL4_SlotPos;
typedef seL4_Uint64 seL4_Time;
typedef seL4_Int8 seL4_Bool;

#define seL4_True 1
#define seL4_False 0
#ifdef __cplusplus
#define seL4_Null 0L
#else
#define seL4_Null ((void *)0)
#endif

/* printf conversions of seL4_Int64/seL4_Uint64 and of seL4_Word (both long on the 64-bit architectures). */
#define SEL4_PRId64 "ld"
#define SEL4_PRIi64 "li"
#define SEL4_PRIu64 "lu"
#define SEL4_PRIx64 "lx"
#define SEL4_PRId_word SEL4_PRId64
#define SEL4_PRIi_word SEL4_PRIi64
#define SEL4_PRIu_word SEL4_PRIu64
#define SEL4_PRIx_word SEL4_PRIx64
#define SEL4_PRI_word SEL4_PRIu_word

SEL4_COMPILE_ASSERT(seL4_Word_is_64_bits, sizeof(seL4_Word) == 8)
