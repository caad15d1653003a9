/* riscv's basic type facts: riscv64's (sel4/sel4_arch/simple_types.h), as upstream lays them out. */
#pragma once

#include <sel4/sel4_arch/simple_types.h>
