// Validation and loading of the root task's ELF64 image.
#pragma once
#include "lib/span.h"

namespace boot {

enum class ElfError {
    None,
    NotElf,           // no ELF magic
    NotElf64,         // 32-bit ELF
    NotLittleEndian,
    WrongMachine,     // built for another architecture (arch::elf_machine)
    NotExecutable,    // not ET_EXEC (a static, non-PIE executable is required)
    BadHeaders,       // program header table outside the file or of the wrong entry size
    SegmentOutsideFile,
    FileSizeOverMemSize,
    AddressOverflow,
    NoSegments,
    SegmentsOverlap,
    StartUnaligned,   // lowest address not 4 KiB aligned
    EndTooHigh,       // image plus IPC buffer and BootInfo frames do not fit below user_top
    EntryOutside,     // entry point not inside the image
};

const char* describe(ElfError e);

// The virtual extent of a valid image: [start, end) with end rounded up to a page.
struct ElfLayout {
    word entry;
    word start;
    word end;
};

// Checks `file` as a root task for a user address space ending at `user_top` (seL4's rules, and
// also rejects overlapping or truncated segments). Fills `out` when the answer is None.
ElfError check_elf(Bytes file, word user_top, ElfLayout& out);

// Copies every loadable segment of a checked image into `image` (which covers
// [layout.start, layout.end) and must already be zeroed).
void load_elf(Bytes file, const ElfLayout& layout, u8* image);

}  // namespace boot
