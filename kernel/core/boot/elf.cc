// Validation and loading of the root task's ELF64 image.
#include "boot/elf.h"
#include "arch/elf.h"
#include "lib/string.h"

namespace boot {
namespace {

struct Elf64Header {
    u8 ident[16];
    u16 type, machine;
    u32 version;
    u64 entry, phoff, shoff;
    u32 flags;
    u16 ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};
static_assert(sizeof(Elf64Header) == 64);

struct Elf64Phdr {
    u32 type, flags;
    u64 offset, vaddr, paddr, filesz, memsz, align;
};
static_assert(sizeof(Elf64Phdr) == 56);

constexpr u32 pt_load = 1;
constexpr u16 et_exec = 2;
constexpr unsigned page_bits = 12;
constexpr word ipc_and_bootinfo_frames = 2 * bit(page_bits);

const Elf64Header* header_of(Bytes file) { return reinterpret_cast<const Elf64Header*>(file.data()); }

const Elf64Phdr& phdr(Bytes file, unsigned i) {
    return reinterpret_cast<const Elf64Phdr*>(file.data() + header_of(file)->phoff)[i];
}

bool is_load(const Elf64Phdr& p) { return p.type == pt_load && p.memsz > 0; }

ElfError check_ident(Bytes file) {
    if (file.size() < 4 || memcmp(file.data(), "\177ELF", 4) != 0) return ElfError::NotElf;
    if (file.size() < sizeof(Elf64Header) || file[4] != 2) return ElfError::NotElf64;
    if (file[5] != 1) return ElfError::NotLittleEndian;
    const Elf64Header* h = header_of(file);
    if (h->machine != arch::elf_machine) return ElfError::WrongMachine;
    if (h->type != et_exec) return ElfError::NotExecutable;
    if (h->phentsize != sizeof(Elf64Phdr) || !file.contains(h->phoff, word{h->phnum} * sizeof(Elf64Phdr))) {
        return ElfError::BadHeaders;
    }
    return ElfError::None;
}

ElfError check_segment(Bytes file, const Elf64Phdr& p) {
    if (!file.contains(p.offset, p.filesz)) return ElfError::SegmentOutsideFile;
    if (p.filesz > p.memsz) return ElfError::FileSizeOverMemSize;
    if (p.vaddr + p.memsz < p.vaddr) return ElfError::AddressOverflow;
    return ElfError::None;
}

bool overlaps(const Elf64Phdr& a, const Elf64Phdr& b) {
    return a.vaddr < b.vaddr + b.memsz && b.vaddr < a.vaddr + a.memsz;
}

ElfError check_segments(Bytes file, ElfLayout& out) {
    unsigned n = header_of(file)->phnum;
    out.start = ~word{0};
    out.end = 0;
    for (unsigned i = 0; i < n; i++) {
        const Elf64Phdr& p = phdr(file, i);
        if (!is_load(p)) continue;
        if (ElfError e = check_segment(file, p); e != ElfError::None) return e;
        for (unsigned j = 0; j < i; j++) {
            if (is_load(phdr(file, j)) && overlaps(p, phdr(file, j))) return ElfError::SegmentsOverlap;
        }
        if (p.vaddr < out.start) out.start = p.vaddr;
        if (p.vaddr + p.memsz > out.end) out.end = p.vaddr + p.memsz;
    }
    return out.end == 0 ? ElfError::NoSegments : ElfError::None;
}

ElfError check_placement(const ElfLayout& l, word user_top) {
    if (!is_aligned(l.start, page_bits)) return ElfError::StartUnaligned;
    if (l.end < l.start || l.end > user_top || user_top - l.end < ipc_and_bootinfo_frames) return ElfError::EndTooHigh;
    if (l.entry < l.start || l.entry >= l.end) return ElfError::EntryOutside;
    return ElfError::None;
}

}  // namespace

const char* describe(ElfError e) {
    switch (e) {
    case ElfError::None: return "valid";
    case ElfError::NotElf: return "not an ELF file";
    case ElfError::NotElf64: return "not a 64-bit ELF file";
    case ElfError::NotLittleEndian: return "not a little-endian ELF file";
    case ElfError::WrongMachine: return arch::elf_wrong_machine;
    case ElfError::NotExecutable: return "not a static executable (ET_EXEC)";
    case ElfError::BadHeaders: return "program header table is malformed";
    case ElfError::SegmentOutsideFile: return "a segment's contents lie outside the file";
    case ElfError::FileSizeOverMemSize: return "a segment's file size exceeds its memory size";
    case ElfError::AddressOverflow: return "a segment wraps around the address space";
    case ElfError::NoSegments: return "ELF image does not contain any segments";
    case ElfError::SegmentsOverlap: return "ELF image has overlapping segments";
    case ElfError::StartUnaligned: return "userland image virtual start address must be 4KB-aligned";
    case ElfError::EndTooHigh: return "userland image virtual end address too high";
    case ElfError::EntryOutside: return "userland image entry point does not lie within userland image";
    }
    return "?";
}

ElfError check_elf(Bytes file, word user_top, ElfLayout& out) {
    if (ElfError e = check_ident(file); e != ElfError::None) return e;
    if (ElfError e = check_segments(file, out); e != ElfError::None) return e;
    out.entry = header_of(file)->entry;
    out.end = round_up(out.end, page_bits);
    return check_placement(out, user_top);
}

void load_elf(Bytes file, const ElfLayout& layout, u8* image) {
    unsigned n = header_of(file)->phnum;
    for (unsigned i = 0; i < n; i++) {
        const Elf64Phdr& p = phdr(file, i);
        if (is_load(p)) memcpy(image + (p.vaddr - layout.start), file.data() + p.offset, p.filesz);
    }
}

}  // namespace boot
