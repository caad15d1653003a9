/* riscv64's own user types: none beyond the RISC-V family's (sel4/arch/types.h), as upstream. */
#pragma once

#include <sel4/simple_types.h>
