// The aarch64 facts the generic conformance tests need (every architecture's test_arch.h has the
// same names; the build picks user/tests/<arch>/ by include path).
#pragma once
#include "cspace_helpers.h"

namespace keel::test_arch {

// Makes system call number -99 (unknown to seL4): svc with the number in x7.
inline void unknown_syscall() {
    register seL4_Word x7 asm("x7") = static_cast<seL4_Word>(-99);
    asm volatile("svc #0" : "+r"(x7) : : "memory");
}
constexpr seL4_Word syscall_instruction_bytes = 4;

// An undefined instruction: udf #0, a user exception whose number is ESR_EL1: EC 0 (unknown
// reason) with IL (a 32-bit instruction).
inline void undefined_instruction() { asm volatile("udf #0"); }
constexpr seL4_Word undefined_instruction_bytes = 4, undefined_instruction_exception = 0x2000000;

// seL4 reports a VM fault's ESR_EL1 as its FSR: a data abort from EL0 (EC 0x24), a read (WnR
// clear), a translation fault at any level (DFSC 0b0001xx).
inline bool is_user_read_fault(seL4_Word fsr) {
    return fsr >> 26 == 0x24 && !(fsr & (1u << 6)) && (fsr & 0x3c) == 0x04;
}

// The architecture's object types, as Retype makes them and DebugCapIdentify names their caps.
struct ObjectKind {
    seL4_Word type, bits;
    seL4_Uint32 tag;
};
constexpr seL4_Uint32 tag_vspace = 9;
constexpr ObjectKind object_kinds[] = {{seL4_ARM_SmallPageObject, 0, tag_frame},
                                       {seL4_ARM_PageTableObject, 0, tag_page_table},
                                       {seL4_ARM_VSpaceObject, 0, tag_vspace}};

// The caps BootInfo's userImagePaging lists (page tables, every level alike), the initial
// VSpace's (a VSpace), and the IOPort control slot's (empty: no I/O ports on Arm).
constexpr bool is_paging_structure_tag(seL4_Uint32 t) { return t == tag_page_table; }
constexpr seL4_Uint32 vspace_tag = tag_vspace, io_port_control_tag = tag_null;


// --- the register tests riscv64 and aarch64 share (user/tests/risc/) --------------------------------
// seL4_UserContext's first frame_registers words are CopyRegisters' frame registers (seL4's
// n_frameRegisters: pc, sp, spsr, x0-x8, x16-x18, x29, x30), the rest its general ones.
constexpr unsigned frame_registers = 17;
// seL4's TLS_BASE.
inline seL4_Word& tls_base(seL4_UserContext& c) { return c.tpidr_el0; }
// Asks for more than EL0 may have: SPSR for EL1h, every mask, every flag.
inline void ask_for_privilege(seL4_UserContext& c) { c.spsr = ~seL4_Word{0}; }
// What WriteRegisters keeps of a context (seL4's sanitiseRegister): SPSR's NZCV, at EL0t with FIQs
// masked (PSTATE_USER).
inline void sanitise(seL4_UserContext& c) { c.spsr = (c.spsr & 0xf0000000) | 0x40; }
// The same asked in a user exception's reply, which writes FaultIP, SP and SPSR back.
inline void ask_for_privilege_in_reply() { seL4_SetMR(seL4_UserException_SPSR, 0x3c5); }
// A user exception's message reports SPSR at EL0t with FIQs masked.
inline bool reports_user_level() { return seL4_GetMR(seL4_UserException_SPSR) == 0x40; }

// FP/SIMD register d3, written and read.
inline void set_fp_register_3(seL4_Word v) { asm volatile("fmov d3, %0" ::"r"(v) : "v3"); }
inline seL4_Word fp_register_3() {
    seL4_Word v;
    asm volatile("fmov %0, d3" : "=r"(v));
    return v;
}
// An FP instruction (fmov d1, xzr), its encoding, and the user exception number a thread with its
// FPU disabled gets for it: ESR_EL1 with EC 0x7 (FP/SIMD access trapped).
inline void fp_instruction() { asm volatile("fmov d1, xzr" ::: "v1"); }
constexpr seL4_Uint32 fp_instruction_encoding = 0x9e6703e1;
constexpr bool is_fpu_disabled_exception(seL4_Word number) { return number >> 26 == 0x7; }
// brk #0x2a, its encoding and its user exception number: ESR_EL1 with EC 0x3c, IL and the immediate.
inline void breakpoint() { asm volatile("brk #0x2a" ::: "memory"); }
constexpr seL4_Uint32 breakpoint_encoding = 0xd4200540;
constexpr seL4_Word breakpoint_exception = 0xf200002a;

// ASIDControl_MakePool: an ASID pool from `untyped` (4 KiB) into root CNode slot `dest`.
inline seL4_Error make_asid_pool(seL4_CPtr untyped, seL4_CPtr dest) {
    return seL4_ARM_ASIDControl_MakePool(seL4_CapASIDControl, untyped, root, dest, root_depth);
}

}  // namespace keel::test_arch
