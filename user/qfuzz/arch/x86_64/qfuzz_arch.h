// The QEMU fuzzer's worker kinds on x86_64: workers.cc performs load to jump itself, arch.cc the rest.
#pragma once
#include <sel4/sel4.h>

namespace qfuzz {

enum Kind : seL4_Word {
    idle, breakpoint, soft_interrupt, undefined, divide, privileged, std_then_load, load, store, syscall_any,
    ipc, tls_base, jump, segment, kinds
};

}  // namespace qfuzz
