// The QEMU fuzzer's riscv64 parts: the Sv39 paging, ASID and IRQ invocations, and the workers'
// illegal, privileged, misaligned and atomic instructions, and a check that F registers survive.
#include "../../../tests/cspace_helpers.h"
#include "../../qfuzz.h"
#include "qfuzz_arch.h"  // arch/risc/

namespace qfuzz::arch {
namespace {

using keel::root;

// A frame's and a page table's labels; an ASID pool's. Page tables of every level share one cap type.
const Shape frame_ops[] = {{RISCVPageMap, "arA", "V"}, {RISCVPageUnmap, "", ""}, {RISCVPageGetAddress, "", ""}};
const Shape pt_ops[] = {{RISCVPageTableMap, "aA", "V"}, {RISCVPageTableUnmap, "", ""}};
const Shape asid_pool_ops[] = {{RISCVASIDPoolAssign, "", "V"}};

struct Paging {
    seL4_Word type, count;
};
// The page tables first: the 2 MiB frame's alignment leaves little of the pool after it.
const Paging paging_objects[] = {{seL4_RISCV_PageTableObject, 6}, {seL4_RISCV_4K_Page, 8}, {seL4_RISCV_Mega_Page, 1}};

// An interrupt number: mostly one of the PLIC's 96 sources (0 is none), sometimes anything.
seL4_Word irq_number() { return rng.chance(90) ? rng.below(97) : rng.chance(50) ? rng.below(1024) : rng.next(); }

}  // namespace

void breakpoint_instruction() { asm volatile("ebreak"); }

// Instructions user mode may not execute: CSRs of S and M mode, the return and fence instructions
// of the higher modes, wfi (illegal in U-mode), and a write to a user counter CSR.
void privileged_instruction(seL4_Word which, seL4_Word a) {
    switch (which % 10) {
    case 0: asm volatile("csrr %0, sstatus" : "=r"(a)); break;
    case 1: asm volatile("csrw satp, %0" ::"r"(a)); break;
    case 2: asm volatile("csrw stvec, %0" ::"r"(a)); break;
    case 3: asm volatile("sret"); break;
    case 4: asm volatile("mret"); break;
    case 5: asm volatile("wfi"); break;
    case 6: asm volatile("sfence.vma"); break;
    case 7: asm volatile("csrr %0, mhartid" : "=r"(a)); break;
    case 8: asm volatile("csrw cycle, %0" ::"r"(a)); break;
    default: asm volatile("csrw sscratch, %0" ::"r"(a)); break;
    }
}

// Encodings no RV64GC implementation decodes: the all-zero halfword, the all-ones word, unimp.
void illegal_instruction(seL4_Word which) {
    switch (which % 3) {
    case 0: asm volatile(".half 0"); break;
    case 1: asm volatile(".word 0xffffffff"); break;
    default: asm volatile(".option push\n.option norvc\nunimp\n.option pop"); break;
    }
}

// Loads and stores one byte off alignment (QEMU raises the misaligned exception; OpenSBI emulates it
// in M-mode, or sends the page fault of an unmapped address to the kernel); `a` is rarely mapped.
void misaligned(bool store, seL4_Word a) {
    seL4_Word at = unprotected(a) | 1;
    if (store) {
        asm volatile("sd zero, 0(%0)" ::"r"(at) : "memory");
    } else {
        seL4_Word v;
        asm volatile("ld %0, 0(%1)" : "=r"(v) : "r"(at) : "memory");
    }
}

// Atomics on any address, sometimes misaligned: LR/SC and AMOs fault as stores (AMO access faults
// and misaligned AMOs are never emulated).
void atomic_instruction(seL4_Word which, seL4_Word a) {
    seL4_Word at = unprotected(a), v;
    switch (which % 4) {
    case 0: asm volatile("amoadd.d %0, %1, (%2)" : "=r"(v) : "r"(seL4_Word{1}), "r"(at) : "memory"); break;
    case 1: asm volatile("amoswap.w %0, %1, (%2)" : "=r"(v) : "r"(seL4_Word{0}), "r"(at | 2) : "memory"); break;
    case 2: asm volatile("lr.d %0, (%1)" : "=r"(v) : "r"(at) : "memory"); break;
    default: asm volatile("sc.d %0, %1, (%2)" : "=r"(v) : "r"(seL4_Word{0}), "r"(at) : "memory"); break;
    }
}

// gp, tp and ra set to anything, then a system call with any number: the kernel must neither trust
// nor lose them.
void wild_registers(seL4_Word a, seL4_Word b) {
    register seL4_Word a7 asm("a7") = b, a0 asm("a0") = a;
    asm volatile("mv t0, gp\n\tmv t1, tp\n\tmv t2, ra\n\tmv gp, %2\n\tmv tp, %2\n\tmv ra, %2\n\tecall\n\t"
                 "mv gp, t0\n\tmv tp, t1\n\tmv ra, t2"
                 : "+r"(a0), "+r"(a7)
                 : "r"(unprotected(a ^ b))
                 : "t0", "t1", "t2", "a1", "a2", "a3", "a4", "a5", "a6", "memory");
}

// F registers and fcsr written, a Yield, read back: whatever ran meanwhile (other workers' FPU
// use, SetFlags turning the FPU off and on, faults), they must be this thread's own. The expected
// values and the comparison stay in s2-s6, frame registers: the fuzzer's CopyRegisters and
// WriteRegisters either leave them alone or move the PC too (a restart never comes back here).
void check_fpu_kept(seL4_Word a) {
    register seL4_Word s2 asm("s2") = a, s3 asm("s3") = ~a, s4 asm("s4") = a & 0x1f, s5 asm("s5");
    asm volatile(".option push\n.option arch, +d\n"
                 "fmv.d.x f0, s2\n\tfmv.d.x f31, s3\n\tfscsr s4\n\tli a7, %[yield]\n\tecall\n\t"
                 "fmv.x.d s5, f0\n\txor s5, s5, s2\n\tfmv.x.d s6, f31\n\txor s6, s6, s3\n\tor s5, s5, s6\n\t"
                 "frcsr s6\n\txor s6, s6, s4\n\tor s5, s5, s6\n.option pop"
                 : "=&r"(s5), "+r"(s2), "+r"(s3), "+r"(s4)
                 : [yield] "i"(seL4_SysYield)
                 : "s6", "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "f0", "f31", "memory");
    if (s5) {
        registers_lost = registers_lost + 1;
        keel_printf("QFUZZ-DIAG expected 0x%lx, differences 0x%lx\n", s2, s5);
    }
}

const Shape* shapes_for(seL4_Word tag, unsigned* n) {
    switch (tag) {
    case keel::tag_frame: return shapes_of(frame_ops, n);
    case keel::tag_page_table: return shapes_of(pt_ops, n);
    case keel::tag_asid_pool: return shapes_of(asid_pool_ops, n);
    default: return nullptr;
    }
}

seL4_Word word_for(char) { return rng.next(); }

// Sv39: user addresses end at 2^38; the kernel's window starts at 0xffffffc000000000.
seL4_Word interesting_address() {
    const seL4_Word words[] = {0, 1, 2, 3, 4, 12, 63, 64, 255, 4096, 0xffffffff, ~seL4_Word{0}, ~seL4_Word{0} - 1,
                               0x3ffffff000, 0x3fffffffff, seL4_Word{1} << 38, seL4_Word{1} << 39, 0x40000000,
                               0x80000000, 0x80200000, 0xffffffc000000000, 0xffffffff80000000, 0x7ffffffff000,
                               seL4_Word{1} << 63};
    return rng.pick(words);
}

const unsigned control_kinds = 3;

void invoke_control(unsigned which, seL4_CPtr dest, seL4_Word depth) {
    switch (which) {
    case 0: seL4_IRQControl_Get(seL4_CapIRQControl, irq_number(), root, dest, static_cast<seL4_Uint8>(depth)); break;
    case 1:
        seL4_IRQControl_GetTrigger(seL4_CapIRQControl, irq_number(), rng.chance(80) ? rng.below(2) : rng.next(), root,
                                   dest, static_cast<seL4_Uint8>(depth));
        break;
    default:
        seL4_RISCV_ASIDControl_MakePool(seL4_CapASIDControl, supply_slot(), root, dest, static_cast<seL4_Uint8>(depth));
        break;
    }
}

seL4_CPtr refill_paging(seL4_CPtr next) {
    for (const Paging& p : paging_objects) {
        for (seL4_Word i = 0; i < p.count; i++, next++) seL4_Untyped_Retype(infra.pool, p.type, 0, root, 0, 0, next, 1);
    }
    return next;
}

seL4_CPtr refill_controls(seL4_CPtr next) {
    seL4_RISCV_ASIDControl_MakePool(seL4_CapASIDControl, supply_base + 1, root, next++, 64);  // a 4 KiB untyped
    seL4_IRQControl_Get(seL4_CapIRQControl, 1 + rng.below(95), root, next++, 64);
    return next;
}

seL4_Error make_asid_pool(seL4_CPtr untyped, seL4_CPtr dest) {
    return seL4_RISCV_ASIDControl_MakePool(seL4_CapASIDControl, untyped, root, dest, 64);
}

seL4_Error assign_asid(seL4_CPtr pool, seL4_CPtr vspace) { return seL4_RISCV_ASIDPool_Assign(pool, vspace); }

// sys in a7, then a0 to a6 (a2 to a5 are message registers 0 to 3).
void raw_syscall(seL4_Word sys, seL4_Word a, seL4_Word b, seL4_Word c, seL4_Word d) {
    register seL4_Word a0 asm("a0") = a, a1 asm("a1") = b, a2 asm("a2") = c, a3 asm("a3") = d, a4 asm("a4") = c ^ d,
                       a5 asm("a5") = b + d, a6 asm("a6") = a ^ c, a7 asm("a7") = sys;
    asm volatile("ecall" : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3), "+r"(a4), "+r"(a5), "+r"(a6), "+r"(a7) : : "memory");
}

void raw_yield() { riscv_sys_null(seL4_SysYield); }

bool skip_syscall(seL4_UserContext& regs) {
    const unsigned short* ip = reinterpret_cast<const unsigned short*>(regs.pc);
    if (ip[0] != 0x0073 || ip[1] != 0x0000) return false;  // ecall
    regs.pc += 4;
    return true;
}

seL4_Word fault_address(Rng& r) {
    const seL4_Word kernel[] = {0, 8, 0xffffffc000000000, 0xffffffff80000000, 0xffffffff80200000, seL4_Word{1} << 38,
                                0x3ffffff000, 0x3ffffffff8, 0xfffffffffffff000, 0x80200000};
    return r.chance(50) ? r.pick(kernel) : interesting_word();
}

}  // namespace qfuzz::arch
