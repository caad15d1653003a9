// The AArch64 instructions the address-space, trap and interrupt code runs, simulated
// (src/machine.cc): TTBR0_EL1 is a variable, TLBI ASIDE1 and VAE1 act on a TLB model tagged by
// ASID, a cache maintenance instruction is counted (the simulation has no caches), ESR_EL1 and
// FAR_EL1 hold the last simulated fault's, ISR_EL1 the pending interrupt; barriers do nothing.
#pragma once
#include "lib/types.h"

namespace arch::sysreg {

inline void dsb() {}
inline void isb() {}

enum class LineOp { Clean, CleanPoU, Invalidate, CleanInvalidate, InvalidateI };
void on_line(LineOp op, word line);

void tlbi_asid(word asid);
void tlbi_page(word asid, word vaddr);

bool translates(word vaddr);  // a walk of TTBR0_EL1's tables

void write_ttbr0(word v);

enum class Reg { Ttbr0, Isr, Esr, Far };
word read(Reg r);

}  // namespace arch::sysreg
