// The benchmarks' x86_64 facts (user/bench/arch/<arch>/bench_arch.h, the same names for every
// architecture): the counter (the TSC), the paging invocations, the faulting instruction.
#pragma once

#include <keel/arch.h>
#include <sel4/sel4.h>

namespace bench {

// Under QEMU's -icount shift=0 the TSC advances by one per guest instruction.
inline seL4_Word counter() {
    seL4_Uint32 lo, hi;
    asm volatile("rdtsc" : "=a"(lo), "=d"(hi)::"memory");
    return (seL4_Word{hi} << 32) | lo;
}
constexpr char counter_read_name[] = "counter read (rdtsc twice)";

constexpr seL4_Word frame_object = seL4_X86_4K, page_table_object = seL4_X86_PageTableObject;

inline seL4_Error page_map(seL4_CPtr frame, seL4_CPtr vspace, seL4_Word va) {
    return static_cast<seL4_Error>(
        seL4_X86_Page_Map(frame, vspace, va, seL4_ReadWrite, seL4_X86_Default_VMAttributes));
}
inline seL4_Error page_unmap(seL4_CPtr frame) { return static_cast<seL4_Error>(seL4_X86_Page_Unmap(frame)); }

// Where the root task maps the pages it shares with servers in other address spaces.
constexpr seL4_Word shared_pages_va = 0x7e0000000000;

// A thread that faults for ever, with the length of its faulting instruction.
[[noreturn]] inline void fault_forever() {
    asm volatile("1: ud2\n\tjmp 1b");
    __builtin_unreachable();
}
constexpr seL4_Word fault_instruction_bytes = 2;
// The reply that resumes it: the user exception's registers (FaultIP, SP and FLAGS).
constexpr seL4_Word fault_reply_words = seL4_UserException_FLAGS + 1;

// The benchmarks only this architecture has (arch/x86_64/arch_benchmarks.cc).
void run_arch_benchmarks();

}  // namespace bench

// The interrupt-latency benchmark's timer (the PIT, arch/x86_64/latency_arch.cc) and address spaces.
namespace latency {
constexpr seL4_Word pit_hz = 1193182;
constexpr seL4_Word vspace_object = seL4_X64_PML4Object, vspace_bits = seL4_PML4Bits;
constexpr seL4_Word timer_resolution = 1000000000 / pit_hz;  // instructions per PIT tick
constexpr auto make_asid_pool = seL4_X86_ASIDControl_MakePool;
constexpr auto assign_asid = seL4_X86_ASIDPool_Assign;
}  // namespace latency
