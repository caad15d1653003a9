// The supervisor CSR instructions the riscv64 code uses, simulated (src/machine.cc): satp is a
// variable and sfence.vma empties the host machine's TLB model, sip holds the interrupts the test
// makes pending, time does not advance, and sstatus and sie are not modelled.
#pragma once
#include "arch/csr_bits.h"
#include "lib/types.h"

namespace arch::csr {

inline u64 time() { return 0; }
word read_stval();  // the address of the last simulated page fault
word read_sip();
word read_satp();
void write_satp(word v);
void sfence_vma();  // drops every cached translation
inline void set_sstatus(word) {}
inline void clear_sstatus(word) {}
inline void set_sie(word) {}
inline void wait_for_interrupt() {}

}  // namespace arch::csr
