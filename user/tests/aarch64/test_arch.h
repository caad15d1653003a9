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

// ASIDControl_MakePool: an ASID pool from `untyped` (4 KiB) into root CNode slot `dest`.
inline seL4_Error make_asid_pool(seL4_CPtr untyped, seL4_CPtr dest) {
    return seL4_ARM_ASIDControl_MakePool(seL4_CapASIDControl, untyped, root, dest, root_depth);
}

}  // namespace keel::test_arch
