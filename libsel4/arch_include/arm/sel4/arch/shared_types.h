/* ARM's types shared with the kernel (seL4 16.0.0): its constants and object types. */
#pragma once

#include <sel4/sel4_arch/constants.h>
#include <sel4/sel4_arch/objecttype.h>
#include <sel4/arch/objecttype.h>
