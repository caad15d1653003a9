/* What the upstream-style root tasks of tests/abi take from BootInfo: free slots and untyped memory. */
#pragma once

#include <sel4/sel4.h>

static seL4_CPtr first_free;

static seL4_CPtr alloc_slot(seL4_BootInfo *info)
{
    if (first_free == 0) {
        first_free = info->empty.start;
    }
    return first_free++;
}

static seL4_CPtr untyped_of_size(seL4_BootInfo *info, seL4_Uint8 bits)
{
    for (seL4_CPtr cap = info->untyped.start; cap < info->untyped.end; cap++) {
        seL4_UntypedDesc *desc = &info->untypedList[cap - info->untyped.start];
        if (!desc->isDevice && desc->sizeBits >= bits) {
            return cap;
        }
    }
    return seL4_CapNull;
}
