// Turning a user-mode trap into the seL4 fault it stands for.
#pragma once
#include "arch/context.h"
#include "kernel/fault.h"

namespace arch {

// scause values (RISC-V privileged specification, table 4.2) that seL4 takes as VM faults: the
// access and page faults of instruction fetches, loads and stores.
constexpr word cause_instruction_access = 1, cause_load_access = 5, cause_store_access = 7;
constexpr word cause_user_ecall = 8;
constexpr word cause_instruction_page = 12, cause_load_page = 13, cause_store_page = 15;

// As seL4's handleVMFault and handleUserLevelFault: a VM fault with stval's address and, as its
// status, the access-fault cause of the access (a page fault reports the same: 1, 5 or 7),
// instruction fetches marked; every other exception a user exception carrying scause and code 0.
core::Fault fault_from_exception(Context& c);

}  // namespace arch
