// What a thread's fault is: the fault message a handler receives is built from this.
#pragma once
#include "generated/config.h"
#include "lib/types.h"

namespace core {

// seL4's fault types (seL4_FaultType numbering, the same on every architecture; MCS puts its
// Timeout fault at 5 and VMFault moves to 6; classic has no Timeout fault, a number none takes).
// Word-sized, so the structs holding it have no padding bytes (whose contents a copy leaves
// unspecified, and the fuzzer compares memory byte for byte).
enum class FaultType : word {
    Null = 0, CapFault = 1, UnknownSyscall = 2, UserException = 3, VMFault = config::kernel_mcs ? 6 : 5,
    Timeout = config::kernel_mcs ? 5 : ~word{0}
};

struct Fault {
    FaultType type = FaultType::Null;
    word a = 0;  // cap fault: address; unknown syscall: number; user exception: number; vm: address;
                 // timeout: the scheduling context's badge
    word b = 0;  // cap fault: in receive phase; user exception: code; vm fault: FSR (error code)
    word c = 0;  // vm fault: instruction fault

    static Fault cap_fault(word address, bool in_receive_phase) { return {FaultType::CapFault, address, in_receive_phase, 0}; }
    static Fault unknown_syscall(word number) { return {FaultType::UnknownSyscall, number, 0, 0}; }
    static Fault user_exception(word number, word code) { return {FaultType::UserException, number, code, 0}; }
    static Fault vm_fault(word address, word fsr, bool instruction) { return {FaultType::VMFault, address, fsr, instruction}; }
    static Fault timeout(word badge) { return {FaultType::Timeout, badge, 0, 0}; }
};

}  // namespace core
