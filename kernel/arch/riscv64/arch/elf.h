// The ELF machine this architecture's root task must be built for.
#pragma once
#include "lib/types.h"

namespace arch {

constexpr u16 elf_machine = 243;  // EM_RISCV
// How a boot error names an ELF file of another machine.
constexpr const char* elf_wrong_machine = "not a RISC-V ELF file";

}  // namespace arch
