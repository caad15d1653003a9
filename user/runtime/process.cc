// Starting a program from an ELF image in a new address space.
#include <keel/alloc.h>
#include <keel/process.h>
#include <keel/runtime.h>
#include "lib/string.h"

namespace {

constexpr seL4_Word page = 4096;
constexpr seL4_Word scratch_va = 0x7f0000000000;  // where the spawner maps frames to fill them
constexpr seL4_Word ipc_buffer_va = 0x7ff000000000;  // the program's stack is in its own image (crt0)

struct Elf64Header {
    unsigned char ident[16];
    seL4_Uint16 type, machine;
    seL4_Uint32 version;
    seL4_Word entry, phoff, shoff;
    seL4_Uint32 flags;
    seL4_Uint16 ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};
struct Elf64Phdr {
    seL4_Uint32 type, flags;
    seL4_Word offset, vaddr, paddr, filesz, memsz, align;
};

// Retypes and maps whichever paging structure a FailedLookup says is missing (bits left: 39 =
// PDPT, 30 = page directory, 21 = page table).
bool add_missing_table(seL4_CPtr vspace, seL4_Word vaddr) {
    seL4_Word bits = seL4_GetMR(2);
    seL4_Word type = bits == 39   ? seL4_Word{seL4_X86_PDPTObject}
                     : bits == 30 ? seL4_Word{seL4_X86_PageDirectoryObject}
                                  : seL4_Word{seL4_X86_PageTableObject};
    seL4_CPtr table = keel_alloc_object(type, 0);
    if (!table) return false;
    seL4_Error e = type == seL4_X86_PDPTObject ? seL4_X86_PDPT_Map(table, vspace, vaddr, seL4_X86_Default_VMAttributes)
                   : type == seL4_X86_PageDirectoryObject
                       ? seL4_X86_PageDirectory_Map(table, vspace, vaddr, seL4_X86_Default_VMAttributes)
                       : seL4_X86_PageTable_Map(table, vspace, vaddr, seL4_X86_Default_VMAttributes);
    return e == seL4_NoError;
}

bool map_frame(seL4_CPtr frame, seL4_CPtr vspace, seL4_Word vaddr, seL4_CapRights_t rights) {
    for (int tries = 0; tries < 4; tries++) {
        seL4_Error e = seL4_X86_Page_Map(frame, vspace, vaddr, rights, seL4_X86_Default_VMAttributes);
        if (e == seL4_NoError) return true;
        if (e != seL4_FailedLookup || !add_missing_table(vspace, vaddr)) return false;
    }
    return false;
}

// A new frame filled with `len` bytes from `src` at `offset` (the rest zero), unmapped again.
seL4_CPtr filled_frame(const unsigned char* src, seL4_Word offset, seL4_Word len) {
    seL4_CPtr frame = keel_alloc_object(seL4_X86_4K, 0);
    if (!frame || !map_frame(frame, seL4_CapInitThreadVSpace, scratch_va, seL4_ReadWrite)) return 0;
    memcpy(reinterpret_cast<unsigned char*>(scratch_va) + offset, src, len);
    seL4_X86_Page_Unmap(frame);
    return frame;
}

bool load_segment(const unsigned char* elf, const Elf64Phdr& p, seL4_CPtr vspace) {
    for (seL4_Word va = p.vaddr & ~(page - 1); va < p.vaddr + p.memsz; va += page) {
        seL4_Word start = va < p.vaddr ? p.vaddr : va;                  // first byte of this page in the segment
        seL4_Word file_end = p.vaddr + p.filesz;
        seL4_Word copy_end = file_end < va + page ? file_end : va + page;
        seL4_Word len = copy_end > start ? copy_end - start : 0;
        seL4_CPtr frame = filled_frame(elf + p.offset + (start - p.vaddr), start - va, len);
        if (!frame || !map_frame(frame, vspace, va, seL4_AllRights)) return false;
    }
    return true;
}

bool load_elf(const unsigned char* elf, seL4_CPtr vspace, seL4_Word* entry) {
    auto* h = reinterpret_cast<const Elf64Header*>(elf);
    if (memcmp(h->ident, "\177ELF", 4) != 0 || h->ident[4] != 2) return false;
    for (unsigned i = 0; i < h->phnum; i++) {
        auto& p = *reinterpret_cast<const Elf64Phdr*>(elf + h->phoff + i * sizeof(Elf64Phdr));
        if (p.type == 1 && p.memsz && !load_segment(elf, p, vspace)) return false;
    }
    *entry = h->entry;
    return true;
}

}  // namespace

extern "C" int keel_map_frame(seL4_CPtr frame, seL4_CPtr vspace, seL4_Word vaddr, seL4_CapRights_t rights) {
    return map_frame(frame, vspace, vaddr, rights) ? 0 : -1;
}

extern "C" seL4_CPtr keel_map_new_frame(seL4_CPtr vspace, seL4_Word vaddr, seL4_CapRights_t rights) {
    seL4_CPtr frame = keel_alloc_object(seL4_X86_4K, 0);
    return frame && map_frame(frame, vspace, vaddr, rights) ? frame : 0;
}

extern "C" int keel_spawn_elf(const void* elf, unsigned long, seL4_Word priority, seL4_CPtr fault_ep, seL4_Word arg,
                              keel_process_t* out) {
    seL4_CPtr vspace = keel_alloc_object(seL4_X64_PML4Object, 0);
    if (!vspace || seL4_X86_ASIDPool_Assign(seL4_CapInitThreadASIDPool, vspace) != seL4_NoError) return -1;
    seL4_Word entry = 0;
    if (!load_elf(static_cast<const unsigned char*>(elf), vspace, &entry)) return -2;
    seL4_CPtr buffer = keel_map_new_frame(vspace, ipc_buffer_va, seL4_ReadWrite);
    seL4_CPtr tcb = keel_alloc_object(seL4_TCBObject, 0);
    if (!buffer || !tcb) return -4;
    if (seL4_TCB_Configure(tcb, fault_ep, seL4_CapInitThreadCNode, 0, vspace, 0, ipc_buffer_va, buffer) != seL4_NoError ||
        seL4_TCB_SetPriority(tcb, seL4_CapInitThreadTCB, priority) != seL4_NoError) {
        return -5;
    }
    seL4_UserContext regs = {};
    regs.rip = entry;
    regs.rdi = ipc_buffer_va;
    regs.rsi = KEEL_CHILD_MAGIC;
    regs.rdx = arg;
    if (seL4_TCB_WriteRegisters(tcb, 1, 0, 20, &regs) != seL4_NoError) return -6;
    out->vspace = vspace;
    out->tcb = tcb;
    return 0;
}
