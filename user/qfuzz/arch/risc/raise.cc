// The QEMU fuzzer's user exceptions on riscv64 and aarch64: the same worker kinds on both, each
// raised by the architecture's own instructions (qfuzz_arch.h).
#include "../../qfuzz.h"
#include "qfuzz_arch.h"

namespace qfuzz::arch {

void raise(seL4_Word kind, seL4_Word a, seL4_Word b) {
    switch (kind) {
    case breakpoint: breakpoint_instruction(); break;
    case illegal: illegal_instruction(b); break;
    case privileged: privileged_instruction(b, a); break;
    case misaligned_load: misaligned(false, a); break;
    case misaligned_store: misaligned(true, a); break;
    case atomic: atomic_instruction(b, a); break;
    case registers: wild_registers(a, b); break;
    case fpu_kept: check_fpu_kept(a ^ b); break;
    default: break;
    }
}

}  // namespace qfuzz::arch
