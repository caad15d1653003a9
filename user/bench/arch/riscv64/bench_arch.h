// The benchmarks' riscv64 facts (user/bench/arch/<arch>/bench_arch.h, the same names for every
// architecture): the counter (instret), the paging invocations, the faulting instruction.
#pragma once

#include <keel/arch.h>
#include <sel4/sel4.h>

namespace bench {

// instret counts retired instructions, so under QEMU's -icount shift=0 it is the same measure as
// the TSC on x86_64 (two reads in a row differ by one).
inline seL4_Word counter() {
    seL4_Word n;
    asm volatile("rdinstret %0" : "=r"(n)::"memory");
    return n;
}
constexpr char counter_read_name[] = "counter read (rdinstret twice)";

constexpr seL4_Word frame_object = seL4_RISCV_4K_Page, page_table_object = seL4_RISCV_PageTableObject;

inline seL4_Error page_map(seL4_CPtr frame, seL4_CPtr vspace, seL4_Word va) {
    return static_cast<seL4_Error>(
        seL4_RISCV_Page_Map(frame, vspace, va, seL4_ReadWrite, seL4_RISCV_Default_VMAttributes));
}
inline seL4_Error page_unmap(seL4_CPtr frame) { return static_cast<seL4_Error>(seL4_RISCV_Page_Unmap(frame)); }

// Where the root task maps the pages it shares with servers in other address spaces (Sv39: user
// addresses below 2^38, under the runtime's spawn scratch area).
constexpr seL4_Word shared_pages_va = 0x3e00000000;

// A thread that faults for ever (ebreak: user exception 3), with the length of its faulting
// instruction: 4 bytes, the assembler kept from compressing it.
[[noreturn]] inline void fault_forever() {
    asm volatile(".option push\n\t.option norvc\n1: ebreak\n\tj 1b\n\t.option pop");
    __builtin_unreachable();
}
constexpr seL4_Word fault_instruction_bytes = 4;
// The reply that resumes it: the user exception's registers (FaultIP and SP).
constexpr seL4_Word fault_reply_words = seL4_UserException_SP + 1;

// The benchmarks only this architecture has (arch/riscv64/arch_benchmarks.cc).
void run_arch_benchmarks();

}  // namespace bench

// The interrupt-latency benchmark's timer (the goldfish RTC, arch/riscv64/latency_arch.cc) and
// address spaces.
namespace latency {
constexpr seL4_Word vspace_object = seL4_RISCV_PageTableObject, vspace_bits = seL4_PageTableBits;
constexpr seL4_Word timer_resolution = 1;  // instructions per RTC nanosecond
constexpr auto make_asid_pool = seL4_RISCV_ASIDControl_MakePool;
constexpr auto assign_asid = seL4_RISCV_ASIDPool_Assign;
}  // namespace latency
