// Calling conventions core may ask for on its cold or rarely-taken calls.
#pragma once

// clang has no preserve_most on RISC-V: the standard convention.
#define ARCH_PRESERVE_MOST
