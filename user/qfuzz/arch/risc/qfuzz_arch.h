// The QEMU fuzzer's worker kinds on riscv64 and aarch64 (the same on both): workers.cc performs
// load to jump itself, risc/raise.cc the rest with arch/<arch>/arch.cc's instructions.
#pragma once
#include <sel4/sel4.h>

namespace qfuzz {

enum Kind : seL4_Word {
    idle, breakpoint, illegal, privileged, misaligned_load, misaligned_store, atomic, load, store, syscall_any,
    ipc, tls_base, jump, registers, fpu_kept, kinds
};

// The instructions behind the worker kinds, each arch's own (arch/<arch>/arch.cc); risc/raise.cc
// picks one by kind.
namespace arch {
void breakpoint_instruction();
void illegal_instruction(seL4_Word which);
void privileged_instruction(seL4_Word which, seL4_Word a);
// A load or store one byte off alignment, at `a` made safe (qfuzz::unprotected).
void misaligned(bool store, seL4_Word a);
void atomic_instruction(seL4_Word which, seL4_Word a);
// Registers the kernel must neither trust nor lose set to anything, then any system call.
void wild_registers(seL4_Word a, seL4_Word b);
// The FP registers written, a Yield, read back; a difference counts in registers_lost.
void check_fpu_kept(seL4_Word a);
}  // namespace arch

}  // namespace qfuzz
