// The ELF machine this architecture's root task must be built for.
#pragma once
#include "lib/types.h"

namespace arch {

constexpr u16 elf_machine = 183;  // EM_AARCH64
// How a boot error names an ELF file of another machine.
constexpr const char* elf_wrong_machine = "not an AArch64 ELF file";

}  // namespace arch
