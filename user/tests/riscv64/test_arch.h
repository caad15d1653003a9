// The riscv64 facts the generic conformance tests need (every architecture's test_arch.h has the
// same names; the build picks user/tests/<arch>/ by include path).
#pragma once
#include "cspace_helpers.h"

namespace keel::test_arch {

// Makes system call number -99 (unknown to seL4): ecall with the number in a7.
inline void unknown_syscall() {
    register seL4_Word a7 asm("a7") = static_cast<seL4_Word>(-99);
    asm volatile("ecall" : "+r"(a7) : : "memory");
}
constexpr seL4_Word syscall_instruction_bytes = 4;

// An undefined instruction: the 4-byte unimp (csrrw x0, cycle, x0), an illegal-instruction
// exception (scause 2).
inline void undefined_instruction() { asm volatile(".option push\n.option norvc\nunimp\n.option pop"); }
constexpr seL4_Word undefined_instruction_bytes = 4, undefined_instruction_exception = 2;

// seL4 reports a load's page fault as a load access fault (RISCVLoadAccessFault, 5), as vspace.c's
// handleVMFault does for either.
inline bool is_user_read_fault(seL4_Word fsr) { return fsr == 5; }

// The architecture's object types, as Retype makes them and DebugCapIdentify names their caps.
struct ObjectKind {
    seL4_Word type, bits;
    seL4_Uint32 tag;
};
constexpr ObjectKind object_kinds[] = {
    {seL4_RISCV_4K_Page, 0, tag_frame}, {seL4_RISCV_PageTableObject, 0, tag_page_table}};

// The caps BootInfo's userImagePaging lists (Sv39 page tables, every level alike), the initial
// VSpace's (a page table), and the IOPort control slot's (empty: no I/O ports on RISC-V).
constexpr bool is_paging_structure_tag(seL4_Uint32 t) { return t == tag_page_table; }
constexpr seL4_Uint32 vspace_tag = tag_page_table, io_port_control_tag = tag_null;

// ASIDControl_MakePool: an ASID pool from `untyped` (4 KiB) into root CNode slot `dest`.
inline seL4_Error make_asid_pool(seL4_CPtr untyped, seL4_CPtr dest) {
    return seL4_RISCV_ASIDControl_MakePool(seL4_CapASIDControl, untyped, root, dest, root_depth);
}

}  // namespace keel::test_arch
