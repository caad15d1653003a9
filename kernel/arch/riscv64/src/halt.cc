// Stopping the machine: the SBI's system reset (QEMU exits), a failure unless seL4_DebugHalt asked.
#include "arch/halt.h"
#include "arch/sbi.h"

namespace arch {

void halt(HaltReason why) {
    sbi::shutdown(why == HaltReason::DebugHalt ? sbi::ShutdownReason::None : sbi::ShutdownReason::SystemFailure);
}

}  // namespace arch
