// The x86_64 facts the generic conformance tests need (every architecture's test_arch.h has the
// same names; the build picks user/tests/<arch>/ by include path).
#pragma once
#include "cspace_helpers.h"

namespace keel::test_arch {

// Makes system call number -99 (unknown to seL4), with the stack pointer kept across it.
inline void unknown_syscall() {
    register seL4_Word rdx asm("rdx") = static_cast<seL4_Word>(-99);
    asm volatile("mov %%rsp, %%rbx; syscall; mov %%rbx, %%rsp" : "+r"(rdx) : : "rbx", "rcx", "r11", "memory");
}
constexpr seL4_Word syscall_instruction_bytes = 2;

// An undefined instruction: ud2, user exception 6 (#UD).
inline void undefined_instruction() { asm volatile("ud2"); }
constexpr seL4_Word undefined_instruction_bytes = 2, undefined_instruction_exception = 6;

// A VM fault's FSR for a read by user mode of an unmapped page: the page-fault error code's U bit.
inline bool is_user_read_fault(seL4_Word fsr) { return (fsr & 0x4) == 0x4; }

// The architecture's object types, as Retype makes them and DebugCapIdentify names their caps.
struct ObjectKind {
    seL4_Word type, bits;
    seL4_Uint32 tag;
};
constexpr ObjectKind object_kinds[] = {
    {seL4_X86_4K, 0, tag_frame}, {seL4_X86_PageTableObject, 0, tag_page_table},
    {seL4_X86_PageDirectoryObject, 0, tag_page_directory}, {seL4_X86_PDPTObject, 0, tag_pdpt},
    {seL4_X64_PML4Object, 0, tag_pml4}};

// The caps BootInfo's userImagePaging lists, the initial VSpace's, and the IOPort control slot's.
constexpr bool is_paging_structure_tag(seL4_Uint32 t) {
    return t == tag_pdpt || t == tag_page_directory || t == tag_page_table;
}
constexpr seL4_Uint32 vspace_tag = tag_pml4, io_port_control_tag = tag_io_port_control;

// ASIDControl_MakePool: an ASID pool from `untyped` (4 KiB) into root CNode slot `dest`.
inline seL4_Error make_asid_pool(seL4_CPtr untyped, seL4_CPtr dest) {
    return seL4_X86_ASIDControl_MakePool(seL4_CapASIDControl, untyped, root, dest, root_depth);
}

}  // namespace keel::test_arch
