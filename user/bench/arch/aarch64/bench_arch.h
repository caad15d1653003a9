// The benchmarks' aarch64 facts (user/bench/arch/<arch>/bench_arch.h, the same names for every
// architecture): the counter (the PMU's cycle counter), the paging invocations, the faulting
// instruction.
#pragma once

#include <keel/arch.h>
#include <sel4/sel4.h>

namespace bench {

// PMCCNTR_EL0, which the kernel starts and lets EL0 read (PMUSERENR_EL0.EN, as seL4 with
// KernelArmExportPMUUser).
// QEMU's cycle counter is its virtual clock at 1 GHz, so under -icount shift=0 it counts guest
// instructions as the TSC does on x86_64 and instret on riscv64 (two reads in a row differ by one).
inline seL4_Word counter() {
    seL4_Word n;
    asm volatile("mrs %0, pmccntr_el0" : "=r"(n)::"memory");
    return n;
}
constexpr char counter_read_name[] = "counter read (PMCCNTR_EL0 twice)";

constexpr seL4_Word frame_object = seL4_ARM_SmallPageObject, page_table_object = seL4_ARM_PageTableObject;

inline seL4_Error page_map(seL4_CPtr frame, seL4_CPtr vspace, seL4_Word va) {
    return static_cast<seL4_Error>(
        seL4_ARM_Page_Map(frame, vspace, va, seL4_ReadWrite, seL4_ARM_Default_VMAttributes));
}
inline seL4_Error page_unmap(seL4_CPtr frame) { return static_cast<seL4_Error>(seL4_ARM_Page_Unmap(frame)); }

// Where the root task maps the pages it shares with servers in other address spaces (48-bit user
// addresses, under the runtime's spawn scratch area).
constexpr seL4_Word shared_pages_va = 0x7e0000000000;

// A thread that faults for ever (brk: a user exception with ESR EC 0x3c), with the length of its
// faulting instruction.
[[noreturn]] inline void fault_forever() {
    asm volatile("1: brk #0\n\tb 1b");
    __builtin_unreachable();
}
constexpr seL4_Word fault_instruction_bytes = 4;
// The reply that resumes it: the user exception's registers (FaultIP and SP).
constexpr seL4_Word fault_reply_words = seL4_UserException_SP + 1;

// The benchmarks only this architecture has (arch/aarch64/arch_benchmarks.cc).
void run_arch_benchmarks();

}  // namespace bench

// The interrupt-latency benchmark's address spaces (its timer, the generic timer's physical one, in
// arch/aarch64/latency_arch.cc).
namespace latency {
constexpr seL4_Word vspace_object = seL4_ARM_VSpaceObject, vspace_bits = seL4_VSpaceBits;
constexpr auto make_asid_pool = seL4_ARM_ASIDControl_MakePool;
constexpr auto assign_asid = seL4_ARM_ASIDPool_Assign;
}  // namespace latency
