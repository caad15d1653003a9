/* arm's basic type facts: aarch64's (sel4/sel4_arch/simple_types.h), as upstream lays them out. */
#pragma once

#include <sel4/sel4_arch/simple_types.h>
