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


// --- the register tests riscv64 and aarch64 share (user/tests/risc/) --------------------------------
// seL4_UserContext's first frame_registers words are CopyRegisters' frame registers (seL4's
// n_frameRegisters: pc, ra, sp, gp, s0-s11), the rest its general ones (a0-a7, t0-t6, tp).
constexpr unsigned frame_registers = 16;
// seL4's TLS_BASE.
inline seL4_Word& tls_base(seL4_UserContext& c) { return c.tp; }
// seL4_UserContext on RISC-V holds no mode or status: there is nothing to ask for, in a context or
// in a user exception's reply (FaultIP and SP), and seL4 sanitises none of it.
inline void ask_for_privilege(seL4_UserContext&) {}
inline void sanitise(seL4_UserContext&) {}
inline void ask_for_privilege_in_reply() {}
// A user exception's message has no status word to report a mode in.
inline bool reports_user_level() { return true; }

// F register f3, written and read.
inline void set_fp_register_3(seL4_Word v) { asm volatile("fmv.d.x f3, %0" ::"r"(v) : "f3"); }
inline seL4_Word fp_register_3() {
    seL4_Word v;
    asm volatile("fmv.x.d %0, f3" : "=r"(v));
    return v;
}
// An F instruction (fmv.d.x f1, zero), its encoding, and the user exception number a thread with its
// FPU disabled gets for it: an illegal instruction (scause 2).
inline void fp_instruction() { asm volatile("fmv.d.x f1, zero" ::: "f1"); }
constexpr seL4_Uint32 fp_instruction_encoding = 0xf20000d3;
constexpr bool is_fpu_disabled_exception(seL4_Word number) { return number == 2; }
// ebreak (4 bytes), its encoding and its user exception number: a breakpoint (scause 3).
inline void breakpoint() { asm volatile(".option push\n.option norvc\nebreak\n.option pop" ::: "memory"); }
constexpr seL4_Uint32 breakpoint_encoding = 0x00100073;
constexpr seL4_Word breakpoint_exception = 3;

// ASIDControl_MakePool: an ASID pool from `untyped` (4 KiB) into root CNode slot `dest`.
inline seL4_Error make_asid_pool(seL4_CPtr untyped, seL4_CPtr dest) {
    return seL4_RISCV_ASIDControl_MakePool(seL4_CapASIDControl, untyped, root, dest, root_depth);
}

}  // namespace keel::test_arch
