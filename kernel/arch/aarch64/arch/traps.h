// Turning a user-mode exception into the seL4 fault it stands for.
#pragma once
#include "arch/context.h"
#include "kernel/fault.h"

namespace arch {

// ESR_EL1 exception classes (Arm ARM D17.2.37) the user entry tells apart, as seL4's lower_el_sync.
constexpr word esr_ec_shift = 26;
constexpr word ec_instruction_abort_lower = 0x20, ec_data_abort_lower = 0x24, ec_svc64 = 0x15;

// As seL4's handleVMFault and handleUserLevelFault on AArch64: a data abort is a VM fault at
// FAR_EL1 with ESR_EL1 as its status, an instruction abort one at the restart PC marked as a
// prefetch fault; every other exception a user exception carrying ESR_EL1 and code 0.
core::Fault fault_from_exception(Context& c);

}  // namespace arch
