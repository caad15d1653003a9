// Checks the architecture contract (arch_contract.h) against the architecture this build selects:
// every kernel image and the host library compile this file. It emits no code.
#include "arch_contract.h"
