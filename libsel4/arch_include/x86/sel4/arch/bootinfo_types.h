/* x86 extra BootInfo chunks (layouts of seL4 16.0.0; packed, as upstream). */
#pragma once

#include <sel4/bootinfo_types.h>
#include <sel4/simple_types.h>

#define SEL4_MULTIBOOT_MAX_MMAP_ENTRIES 50
#define SEL4_MULTIBOOT_RAM_REGION_TYPE 1

/* One Multiboot memory map entry: `size` is of the rest of the entry (20). */
typedef struct seL4_X86_mb_mmap {
    seL4_Uint32 size;
    seL4_Uint64 base_addr;
    seL4_Uint64 length;
    seL4_Uint32 type;
} __attribute__((packed)) seL4_X86_mb_mmap_t;

/* SEL4_BOOTINFO_HEADER_X86_MBMMAP: the boot loader's memory map; mmap_length is in bytes. */
typedef struct seL4_X86_BootInfo_mmap {
    seL4_BootInfoHeader header;
    seL4_Uint32 mmap_length;
    seL4_X86_mb_mmap_t mmap[SEL4_MULTIBOOT_MAX_MMAP_ENTRIES];
} __attribute__((packed)) seL4_X86_BootInfo_mmap_t;

SEL4_COMPILE_ASSERT(seL4_X86_mb_mmap_size, sizeof(seL4_X86_mb_mmap_t) == 24)
SEL4_COMPILE_ASSERT(seL4_X86_BootInfo_mmap_size, sizeof(seL4_X86_BootInfo_mmap_t) == 1220)
