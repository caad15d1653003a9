// x86_64 instructions the kernel uses, as inline functions.
#pragma once
#include "lib/types.h"

namespace arch::cpu {

inline void outb(u16 port, u8 v) { asm volatile("outb %0, %1" ::"a"(v), "Nd"(port)); }
inline u8 inb(u16 port) {
    u8 v;
    asm volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}
inline void outw(u16 port, u16 v) { asm volatile("outw %0, %1" ::"a"(v), "Nd"(port)); }
inline void outl(u16 port, u32 v) { asm volatile("outl %0, %1" ::"a"(v), "Nd"(port)); }
inline u16 inw(u16 port) {
    u16 v;
    asm volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}
inline u32 inl(u16 port) {
    u32 v;
    asm volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}
inline u64 rdtsc() {
    u32 lo, hi;
    asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return (u64{hi} << 32) | lo;
}
struct CpuidResult {
    u32 eax, ebx, ecx, edx;
};
inline CpuidResult cpuid(u32 leaf, u32 subleaf) {
    CpuidResult r;
    asm volatile("cpuid" : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx) : "a"(leaf), "c"(subleaf));
    return r;
}
inline void wrmsr(u32 msr, u64 v) { asm volatile("wrmsr" ::"c"(msr), "a"(u32(v)), "d"(u32(v >> 32))); }
// wrmsr of a value in memory: its halves load straight into EAX and EDX.
inline void wrmsr_from(u32 msr, const u64& v) {
    u32 halves[2];
    __builtin_memcpy(halves, &v, sizeof v);
    asm volatile("wrmsr" ::"c"(msr), "a"(halves[0]), "d"(halves[1]));
}
inline u64 rdmsr(u32 msr) {
    u32 lo, hi;
    asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
    return (u64{hi} << 32) | lo;
}
inline word read_cr0() { word v; asm volatile("mov %%cr0, %0" : "=r"(v)); return v; }
inline void write_cr0(word v) { asm volatile("mov %0, %%cr0" ::"r"(v) : "memory"); }
inline word read_cr2() { word v; asm volatile("mov %%cr2, %0" : "=r"(v)); return v; }
inline word read_cr3() { word v; asm volatile("mov %%cr3, %0" : "=r"(v)); return v; }
inline void write_cr3(word v) { asm volatile("mov %0, %%cr3" ::"r"(v) : "memory"); }
inline void invlpg(word vaddr) { asm volatile("invlpg (%0)" ::"r"(vaddr) : "memory"); }
inline word read_cr4() { word v; asm volatile("mov %%cr4, %0" : "=r"(v)); return v; }
inline void write_cr4(word v) { asm volatile("mov %0, %%cr4" ::"r"(v) : "memory"); }

constexpr u32 msr_efer = 0xc0000080;
constexpr u32 msr_star = 0xc0000081;
constexpr u32 msr_lstar = 0xc0000082;
constexpr u32 msr_cstar = 0xc0000083;
constexpr u32 msr_fmask = 0xc0000084;
constexpr u32 msr_fs_base = 0xc0000100;
constexpr u32 msr_gs_base = 0xc0000101;

}  // namespace arch::cpu
