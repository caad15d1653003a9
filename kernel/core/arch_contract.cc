// Checks the architecture contract (arch_contract.h) against the architecture this build selects:
// the x86_64 kernels and the host library each compile this file. It emits no code.
#include "arch_contract.h"
