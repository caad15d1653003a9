// The QEMU fuzzer's worker kinds on riscv64 and aarch64 (the same on both): workers.cc performs
// load to jump itself, arch/<arch>/arch.cc the rest.
#pragma once
#include <sel4/sel4.h>

namespace qfuzz {

enum Kind : seL4_Word {
    idle, breakpoint, illegal, privileged, misaligned_load, misaligned_store, atomic, load, store, syscall_any,
    ipc, tls_base, jump, registers, fpu_kept, kinds
};

}  // namespace qfuzz
