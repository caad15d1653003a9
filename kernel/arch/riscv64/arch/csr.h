// Supervisor control and status registers (RISC-V privileged specification, chapter 10): the
// instructions that reach them (the host's simulated machine has its own, kernel/arch/host_riscv64).
#pragma once
#include "arch/csr_bits.h"
#include "lib/types.h"

namespace arch::csr {

inline u64 time() {
    u64 t;
    asm volatile("rdtime %0" : "=r"(t));
    return t;
}

inline word read_stval() {
    word v;
    asm volatile("csrr %0, stval" : "=r"(v));
    return v;
}
inline word read_sip() {
    word v;
    asm volatile("csrr %0, sip" : "=r"(v));
    return v;
}
inline word read_satp() {
    word v;
    asm volatile("csrr %0, satp" : "=r"(v));
    return v;
}
// satp's root and mode, and sfence.vma with no operands (every cached translation, every ASID).
inline void write_satp(word v) { asm volatile("csrw satp, %0" ::"r"(v) : "memory"); }
inline void sfence_vma() { asm volatile("sfence.vma" ::: "memory"); }

inline void set_sstatus(word bits) { asm volatile("csrs sstatus, %0" ::"r"(bits) : "memory"); }
inline void clear_sstatus(word bits) { asm volatile("csrc sstatus, %0" ::"r"(bits) : "memory"); }
inline void set_sie(word bits) { asm volatile("csrs sie, %0" ::"r"(bits) : "memory"); }
inline void wait_for_interrupt() { asm volatile("wfi" ::: "memory"); }

}  // namespace arch::csr
