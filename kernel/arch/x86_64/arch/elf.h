// The ELF machine this architecture's root task must be built for.
#pragma once
#include "lib/types.h"

namespace arch {

constexpr u16 elf_machine = 62;  // EM_X86_64
// How a boot error names an ELF file of another machine.
constexpr const char* elf_wrong_machine = "not an x86_64 ELF file";

}  // namespace arch
