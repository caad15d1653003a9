// Starting a program from an ELF image in a new address space.
#include <keel/alloc.h>
#include <keel/arch.h>
#include <keel/ipc.h>
#include <keel/process.h>
#include <keel/runtime.h>
#include "arch_layer.h"
#include "lib/string.h"

#include <stddef.h>

extern "C" char __executable_start[];  // user.ld: the image's first page, the first of userImageFrames

namespace {

constexpr seL4_Word page = 4096;
constexpr seL4_Word scratch_va = KEEL_SPAWN_SCRATCH_VADDR;
constexpr seL4_Word ipc_buffer_va = KEEL_CHILD_IPC_BUFFER_VADDR;  // the program's stack is in its own image (crt0)

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

// A new frame filled with `len` bytes from `src` at `offset` (the rest zero), unmapped again.
seL4_CPtr filled_frame(const unsigned char* src, seL4_Word offset, seL4_Word len) {
    seL4_CPtr frame = keel_alloc_object(KEEL_FRAME_OBJECT, 0);
    if (!frame || !keel::arch::map_frame(frame, seL4_CapInitThreadVSpace, scratch_va, seL4_ReadWrite)) return 0;
    memcpy(reinterpret_cast<unsigned char*>(scratch_va) + offset, src, len);
    keel::arch::unmap_frame(frame);
    return frame;
}

bool load_segment(const unsigned char* elf, const Elf64Phdr& p, seL4_CPtr vspace) {
    for (seL4_Word va = p.vaddr & ~(page - 1); va < p.vaddr + p.memsz; va += page) {
        seL4_Word start = va < p.vaddr ? p.vaddr : va;                  // first byte of this page in the segment
        seL4_Word file_end = p.vaddr + p.filesz;
        seL4_Word copy_end = file_end < va + page ? file_end : va + page;
        seL4_Word len = copy_end > start ? copy_end - start : 0;
        seL4_CPtr frame = filled_frame(elf + p.offset + (start - p.vaddr), start - va, len);
        if (!frame || !keel::arch::map_frame(frame, vspace, va, seL4_AllRights)) return false;
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

// The child's IPC buffer, mapped at ipc_buffer_va of `vspace`, with the CPtr of its reply object
// (keel_new_reply: with MCS a new one, classic 0) in userData, where its start-up finds it.
seL4_CPtr child_ipc_buffer(seL4_CPtr vspace) {
    seL4_CPtr reply;
    if (keel_new_reply(&reply) != seL4_NoError) return 0;
    seL4_CPtr frame = filled_frame(reinterpret_cast<const unsigned char*>(&reply), offsetof(seL4_IPCBuffer, userData),
                                   sizeof(reply));
    return frame && keel::arch::map_frame(frame, vspace, ipc_buffer_va, seL4_ReadWrite) ? frame : 0;
}

}  // namespace

extern "C" seL4_CPtr keel_new_vspace() { return keel::arch::new_vspace(); }

extern "C" int keel_map_frame(seL4_CPtr frame, seL4_CPtr vspace, seL4_Word vaddr, seL4_CapRights_t rights) {
    return keel::arch::map_frame(frame, vspace, vaddr, rights) ? 0 : -1;
}

extern "C" seL4_CPtr keel_map_new_frame(seL4_CPtr vspace, seL4_Word vaddr, seL4_CapRights_t rights) {
    seL4_CPtr frame = keel_alloc_object(KEEL_FRAME_OBJECT, 0);
    return frame && keel::arch::map_frame(frame, vspace, vaddr, rights) ? frame : 0;
}

extern "C" int keel_map_root_image(seL4_CPtr vspace) {
    const seL4_SlotRegion frames = keel_bootinfo()->userImageFrames;
    seL4_Word va = reinterpret_cast<seL4_Word>(__executable_start);
    for (seL4_CPtr f = frames.start; f < frames.end; f++, va += page) {
        seL4_CPtr copy = keel_alloc_slot();
        if (!copy || seL4_CNode_Copy(seL4_CapInitThreadCNode, copy, seL4_WordBits, seL4_CapInitThreadCNode, f,
                                     seL4_WordBits, seL4_AllRights) != seL4_NoError) {
            return -1;
        }
        if (!keel::arch::map_frame(copy, vspace, va, seL4_ReadWrite)) return -1;
    }
    return 0;
}

extern "C" int keel_spawn_elf(const void* elf, unsigned long, seL4_Word priority, seL4_CPtr fault_ep, seL4_Word arg,
                              keel_process_t* out) {
    seL4_CPtr vspace = keel_new_vspace();
    if (!vspace) return -1;
    seL4_Word entry = 0;
    if (!load_elf(static_cast<const unsigned char*>(elf), vspace, &entry)) return -2;
    seL4_CPtr buffer = child_ipc_buffer(vspace);
    seL4_CPtr tcb = keel_alloc_object(seL4_TCBObject, 0);
    if (!buffer || !tcb) return -4;
    if (keel_configure_thread(tcb, fault_ep, vspace, ipc_buffer_va, buffer, priority) != seL4_NoError) return -5;
    seL4_UserContext regs = {};
    keel_context_start(&regs, entry, 0, 0);  // the program's crt0 sets its stack and TLS
    keel_context_args(&regs, ipc_buffer_va, KEEL_CHILD_MAGIC, arg);
    if (seL4_TCB_WriteRegisters(tcb, 1, 0, KEEL_CONTEXT_WORDS, &regs) != seL4_NoError) return -6;
    out->vspace = vspace;
    out->tcb = tcb;
    return 0;
}
