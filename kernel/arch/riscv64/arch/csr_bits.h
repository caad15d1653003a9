// The bits of the supervisor control and status registers the kernel reads and writes (RISC-V
// privileged specification, chapter 10).
#pragma once
#include "lib/types.h"

namespace arch::csr {

constexpr word sstatus_sie = bit(1);     // interrupts enabled in S-mode
constexpr word sie_stie = bit(5);        // supervisor timer interrupt enabled
constexpr word scause_interrupt = bit(63);
constexpr word cause_supervisor_timer = 5;
constexpr word sip_stip = bit(5), sip_seip = bit(9);
constexpr word sie_seie = bit(9);

}  // namespace arch::csr
