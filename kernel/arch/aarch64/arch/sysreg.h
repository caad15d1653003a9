// The AArch64 instructions the address-space, trap and interrupt code runs: barriers, cache
// maintenance by line, TLB invalidation, TTBR0_EL1 and the syndrome registers. A host build of
// that code simulates them instead (kernel/arch/host_aarch64/arch/sysreg.h).
#pragma once
#include "lib/types.h"

namespace arch::sysreg {

inline void dsb() { asm volatile("dsb sy" ::: "memory"); }
inline void isb() { asm volatile("isb" ::: "memory"); }

// A maintenance instruction on one line, each followed by seL4's barrier for it
// (src/arch/arm/64/machine/cache.c).
enum class LineOp { Clean, CleanPoU, Invalidate, CleanInvalidate, InvalidateI };
inline void on_line(LineOp op, word line) {
    switch (op) {
    case LineOp::Clean: asm volatile("dc cvac, %0\n dmb sy" ::"r"(line) : "memory"); return;
    case LineOp::CleanPoU: asm volatile("dc cvau, %0\n dmb sy" ::"r"(line) : "memory"); return;
    case LineOp::Invalidate: asm volatile("dc ivac, %0\n dmb sy" ::"r"(line) : "memory"); return;
    case LineOp::CleanInvalidate: asm volatile("dc civac, %0\n dsb sy" ::"r"(line) : "memory"); return;
    case LineOp::InvalidateI: asm volatile("ic ivau, %0\n dsb sy\n isb" ::"r"(line) : "memory"); return;
    }
}

// TLBI ASIDE1 and TLBI VAE1: every translation tagged `asid`, or the one of the page at `vaddr`.
inline void tlbi_asid(word asid) { asm volatile("tlbi aside1, %0" ::"r"(asid << 48) : "memory"); }
inline void tlbi_page(word asid, word vaddr) { asm volatile("tlbi vae1, %0" ::"r"((asid << 48) | (vaddr >> 12)) : "memory"); }

// AT S1E1R: whether an EL1 read of `vaddr` translates (PAR_EL1.F clear), through TTBR0_EL1 for a
// user address.
inline bool translates(word vaddr) {
    word par;
    asm volatile("at s1e1r, %1\n isb\n mrs %0, par_el1" : "=r"(par) : "r"(vaddr) : "memory");
    return (par & 1) == 0;
}

// TTBR0_EL1 (the root's physical address, the ASID in bits 63:48); a write is followed by an isb.
inline void write_ttbr0(word v) { asm volatile("msr ttbr0_el1, %0\n isb" ::"r"(v) : "memory"); }

// The registers the kernel reads: TTBR0_EL1, ISR_EL1, ESR_EL1 and FAR_EL1.
enum class Reg { Ttbr0, Isr, Esr, Far };
inline word read(Reg r) {
    word v = 0;
    switch (r) {
    case Reg::Ttbr0: asm volatile("mrs %0, ttbr0_el1" : "=r"(v)); break;
    case Reg::Isr: asm volatile("mrs %0, isr_el1" : "=r"(v)); break;
    case Reg::Esr: asm volatile("mrs %0, esr_el1" : "=r"(v)); break;
    case Reg::Far: asm volatile("mrs %0, far_el1" : "=r"(v)); break;
    }
    return v;
}

}  // namespace arch::sysreg
