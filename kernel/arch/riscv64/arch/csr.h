// Supervisor control and status registers (RISC-V privileged specification, chapter 10).
#pragma once
#include "lib/types.h"

namespace arch::csr {

constexpr word sstatus_sie = bit(1);     // interrupts enabled in S-mode
constexpr word sie_stie = bit(5);        // supervisor timer interrupt enabled
constexpr word scause_interrupt = bit(63);
constexpr word cause_supervisor_timer = 5;

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
constexpr word sip_stip = bit(5), sip_seip = bit(9);
constexpr word sie_seie = bit(9);

inline void set_sstatus(word bits) { asm volatile("csrs sstatus, %0" ::"r"(bits) : "memory"); }
inline void clear_sstatus(word bits) { asm volatile("csrc sstatus, %0" ::"r"(bits) : "memory"); }
inline void set_sie(word bits) { asm volatile("csrs sie, %0" ::"r"(bits) : "memory"); }
inline void wait_for_interrupt() { asm volatile("wfi" ::: "memory"); }

}  // namespace arch::csr
