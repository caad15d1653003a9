// The QEMU fuzzer's aarch64 parts: the Arm paging, cache, ASID, IRQ and SGI invocations, and the
// workers' undefined, privileged, misaligned and exclusive instructions, and a check that the
// FP/SIMD registers survive.
#include "../../../tests/cspace_helpers.h"
#include "../../qfuzz.h"
#include "qfuzz_arch.h"  // arch/risc/

namespace qfuzz::arch {
namespace {

using keel::root;

constexpr seL4_Word tag_vspace = 9;  // seL4's cap_vspace_cap on AArch64

// A frame's labels (the cache operations take offsets into it), a page table's, a VSpace's (its
// cache operations take addresses), an ASID pool's.
const Shape frame_ops[] = {{ARMPageMap, "arA", "V"},         {ARMPageUnmap, "", ""},
                           {ARMPageGetAddress, "", ""},       {ARMPageClean_Data, "BB", ""},
                           {ARMPageInvalidate_Data, "BB", ""}, {ARMPageCleanInvalidate_Data, "BB", ""},
                           {ARMPageUnify_Instruction, "BB", ""}};
const Shape pt_ops[] = {{ARMPageTableMap, "aA", "V"}, {ARMPageTableUnmap, "", ""}};
const Shape vspace_ops[] = {{ARMVSpaceClean_Data, "aa", ""}, {ARMVSpaceCleanInvalidate_Data, "aa", ""},
                            {ARMVSpaceUnify_Instruction, "aa", ""}};
const Shape asid_pool_ops[] = {{ARMASIDPoolAssign, "", "V"}};

struct Paging {
    seL4_Word type, count;
};
// The page tables first: the 2 MiB frame's alignment leaves little of the pool after it.
const Paging paging_objects[] = {{seL4_ARM_PageTableObject, 6}, {seL4_ARM_SmallPageObject, 8}, {seL4_ARM_LargePageObject, 1}};

// An interrupt number: mostly a GIC INTID up to maxIRQ 159 (27 the kernel's tick), sometimes anything.
seL4_Word irq_number() { return rng.chance(90) ? rng.below(160) : rng.chance(50) ? rng.below(1024) : rng.next(); }

}  // namespace

void breakpoint_instruction() { asm volatile("brk #0"); }

// Instructions EL0 may not execute: EL1 system registers, eret, hvc and smc, the physical timer
// (CNTKCTL_EL1.EL0PTEN clear), PSTATE's interrupt masks (SCTLR_EL1.UMA clear), a cache invalidate.
void privileged_instruction(seL4_Word which, seL4_Word a) {
    switch (which % 8) {
    case 0: asm volatile("mrs %0, sctlr_el1" : "=r"(a)); break;
    case 1: asm volatile("msr ttbr0_el1, %0" ::"r"(a)); break;
    case 2: asm volatile("eret"); break;
    case 3: asm volatile("hvc #0"); break;
    case 4: asm volatile("smc #0"); break;
    case 5: asm volatile("mrs %0, cntp_ctl_el0" : "=r"(a)); break;
    case 6: asm volatile("msr daifset, #2"); break;
    default: asm volatile("dc ivac, %0" ::"r"(unprotected(a)) : "memory"); break;
    }
}

// Encodings no AArch64 implementation decodes: udf, the all-ones word, an unallocated system instruction.
void illegal_instruction(seL4_Word which) {
    switch (which % 3) {
    case 0: asm volatile("udf #0x1234"); break;
    case 1: asm volatile(".word 0xffffffff"); break;
    default: asm volatile(".word 0x00000001"); break;
    }
}

// Loads and stores one byte off alignment (SCTLR_EL1.A is clear: they run, or fault as the
// unmapped address `a` mostly is).
void misaligned(bool store, seL4_Word a) {
    seL4_Word at = unprotected(a) | 1;
    if (store) {
        asm volatile("str xzr, [%0]" ::"r"(at) : "memory");
    } else {
        seL4_Word v;
        asm volatile("ldr %0, [%1]" : "=r"(v) : "r"(at) : "memory");
    }
}

// Exclusives on any address, sometimes misaligned (an alignment fault whatever SCTLR_EL1.A says).
void atomic_instruction(seL4_Word which, seL4_Word a) {
    seL4_Word at = unprotected(a), v;
    unsigned status;
    switch (which % 4) {
    case 0: asm volatile("ldxr %0, [%1]" : "=r"(v) : "r"(at) : "memory"); break;
    case 1: asm volatile("ldaxr %w0, [%1]" : "=r"(v) : "r"(at | 2) : "memory"); break;
    case 2: asm volatile("stxr %w0, xzr, [%1]" : "=&r"(status) : "r"(at) : "memory"); break;
    default: asm volatile("stlxr %w0, xzr, [%1]" : "=&r"(status) : "r"(at | 4) : "memory"); break;
    }
}

// x18, x29 and x30 set to anything, then a system call with any number: the kernel must neither
// trust nor lose them.
void wild_registers(seL4_Word a, seL4_Word b) {
    register seL4_Word x7 asm("x7") = b, x0 asm("x0") = a;
    asm volatile("mov x9, x18\n\tmov x10, x29\n\tmov x11, x30\n\tmov x18, %2\n\tmov x29, %2\n\tmov x30, %2\n\tsvc #0\n\t"
                 "mov x18, x9\n\tmov x29, x10\n\tmov x30, x11"
                 : "+r"(x0), "+r"(x7)
                 : "r"(unprotected(a ^ b))
                 : "x1", "x2", "x3", "x4", "x5", "x6", "x8", "x9", "x10", "x11", "memory");
}

// v0, v31 and FPSR written, a Yield, read back: whatever ran meanwhile (other workers' FP/SIMD
// use, SetFlags turning it off and on, faults), they must be this thread's own. The expected
// values stay in x16-x18, frame registers: the fuzzer's CopyRegisters and WriteRegisters either
// leave them alone or move the PC too (a restart never comes back here).
void check_fpu_kept(seL4_Word a) {
    register seL4_Word x16 asm("x16") = a, x17 asm("x17") = ~a, x18 asm("x18") = (a & 0x9f) | (a & 0xf0000000);
    seL4_Word differences;
    asm volatile("fmov d0, x16\n\tfmov d31, x17\n\tmsr fpsr, x18\n\tmov x7, %[yield]\n\tsvc #0\n\t"
                 "fmov x9, d0\n\teor x9, x9, x16\n\tfmov x10, d31\n\teor x10, x10, x17\n\torr x9, x9, x10\n\t"
                 "mrs x10, fpsr\n\teor x10, x10, x18\n\torr %[d], x9, x10"
                 : [d] "=r"(differences), "+r"(x16), "+r"(x17), "+r"(x18)
                 : [yield] "i"(seL4_SysYield)
                 : "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "v0", "v31", "memory");
    if (differences) {
        registers_lost = registers_lost + 1;
        keel_printf("QFUZZ-DIAG expected 0x%lx, differences 0x%lx\n", x16, differences);
    }
}

const Shape* shapes_for(seL4_Word tag, unsigned* n) {
    switch (tag) {
    case keel::tag_frame: return shapes_of(frame_ops, n);
    case keel::tag_page_table: return shapes_of(pt_ops, n);
    case tag_vspace: return shapes_of(vspace_ops, n);
    case keel::tag_asid_pool: return shapes_of(asid_pool_ops, n);
    default: return nullptr;
    }
}

seL4_Word word_for(char) { return rng.next(); }

// 48-bit user addresses end at 2^47; the kernel's window starts at 0xffffff8000000000, its
// devices at 0xffffffffffe00000.
seL4_Word interesting_address() {
    const seL4_Word words[] = {0, 1, 2, 3, 4, 12, 63, 64, 255, 4096, 0xffffffff, ~seL4_Word{0}, ~seL4_Word{0} - 1,
                               0x7ffffffff000, 0x7fffffffffff, seL4_Word{1} << 47, seL4_Word{1} << 48, 0x40000000,
                               0x48000000, 0x9000000, 0xffffff8000000000, 0xffffff8040200000, 0xffffffffffe00000,
                               seL4_Word{1} << 63};
    return rng.pick(words);
}

const unsigned control_kinds = 4;

void invoke_control(unsigned which, seL4_CPtr dest, seL4_Word depth) {
    auto d = static_cast<seL4_Uint8>(depth);
    switch (which) {
    case 0: seL4_IRQControl_Get(seL4_CapIRQControl, irq_number(), root, dest, d); break;
    case 1:
        seL4_IRQControl_GetTrigger(seL4_CapIRQControl, irq_number(), rng.chance(80) ? rng.below(2) : rng.next(), root,
                                   dest, d);
        break;
    case 2:
        seL4_IRQControl_IssueSGISignal(seL4_CapIRQControl, rng.chance(80) ? rng.below(17) : rng.next(),
                                       rng.chance(80) ? rng.below(9) : rng.next(), root, dest, d);
        break;
    default: seL4_ARM_ASIDControl_MakePool(seL4_CapASIDControl, supply_slot(), root, dest, d); break;
    }
}

seL4_CPtr refill_paging(seL4_CPtr next) {
    for (const Paging& p : paging_objects) {
        for (seL4_Word i = 0; i < p.count; i++, next++) seL4_Untyped_Retype(infra.pool, p.type, 0, root, 0, 0, next, 1);
    }
    return next;
}

// An SPI's handler (INTIDs 32 to 159), never the tick's PPI.
seL4_CPtr refill_controls(seL4_CPtr next) {
    seL4_ARM_ASIDControl_MakePool(seL4_CapASIDControl, supply_base + 1, root, next++, 64);  // a 4 KiB untyped
    seL4_IRQControl_Get(seL4_CapIRQControl, 32 + rng.below(128), root, next++, 64);
    return next;
}

seL4_Error make_asid_pool(seL4_CPtr untyped, seL4_CPtr dest) {
    return seL4_ARM_ASIDControl_MakePool(seL4_CapASIDControl, untyped, root, dest, 64);
}

seL4_Error assign_asid(seL4_CPtr pool, seL4_CPtr vspace) { return seL4_ARM_ASIDPool_Assign(pool, vspace); }

// sys in x7, then x0 to x6 (x2 to x5 are message registers 0 to 3).
void raw_syscall(seL4_Word sys, seL4_Word a, seL4_Word b, seL4_Word c, seL4_Word d) {
    register seL4_Word x0 asm("x0") = a, x1 asm("x1") = b, x2 asm("x2") = c, x3 asm("x3") = d, x4 asm("x4") = c ^ d,
                       x5 asm("x5") = b + d, x6 asm("x6") = a ^ c, x7 asm("x7") = sys;
    asm volatile("svc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4), "+r"(x5), "+r"(x6), "+r"(x7) : : "memory");
}

void raw_yield() { arm_sys_null(seL4_SysYield); }

bool skip_syscall(seL4_UserContext& regs) {
    if (*reinterpret_cast<const seL4_Uint32*>(regs.pc) != 0xd4000001) return false;  // svc #0
    regs.pc += 4;
    return true;
}

seL4_Word fault_address(Rng& r) {
    const seL4_Word kernel[] = {0, 8, 0xffffff8000000000, 0xffffff8040200000, 0xffffffffffe00000, seL4_Word{1} << 47,
                                0x7ffffffff000, 0x7ffffffffff8, 0xfffffffffffff000, 0x40200000};
    return r.chance(50) ? r.pick(kernel) : interesting_word();
}

}  // namespace qfuzz::arch
