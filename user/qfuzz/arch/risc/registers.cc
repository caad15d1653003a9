// The QEMU fuzzer's thread registers on riscv64 and aarch64, whose seL4_UserContext and fault
// messages name the PC and SP alike: a fresh thread's, and the replies that restart one.
#include "../../qfuzz.h"

namespace qfuzz::arch {

seL4_UserContext fresh_registers(seL4_Word pc, seL4_Word stack_top) {
    seL4_UserContext regs = {};
    regs.pc = pc;
    regs.sp = stack_top;
    return regs;
}

// A user exception's reply sets the PC and SP; an unknown system call's also every register its
// message has before them (riscv64: RA and a0 to a7; aarch64: x0 to x7, LR and SPSR, which the
// kernel sanitises).
seL4_Word restart_reply(seL4_Word label, const seL4_UserContext& regs, Rng& r) {
    if (label == seL4_Fault_UserException) {
        seL4_SetMR(seL4_UserException_FaultIP, regs.pc);
        seL4_SetMR(seL4_UserException_SP, regs.sp);
        return 2;
    }
    if (label == seL4_Fault_UnknownSyscall) {
        for (unsigned i = 0; i < seL4_UnknownSyscall_Syscall; i++) seL4_SetMR(i, r.below(2) ? 0 : register_word());
        seL4_SetMR(seL4_UnknownSyscall_FaultIP, regs.pc);
        seL4_SetMR(seL4_UnknownSyscall_SP, regs.sp);
        return seL4_UnknownSyscall_Syscall;
    }
    return 0;
}

}  // namespace qfuzz::arch
