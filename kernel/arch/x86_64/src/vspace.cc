// x86_64 4-level page tables: the kernel's upper half and user address spaces.
#include "arch/vspace.h"
#include "arch/paging.h"
#include "arch/cpu.h"
#include "arch/user_memory.h"
#include "lib/string.h"

extern "C" u64 boot_pml4[512];

namespace arch {
namespace {

using namespace paging;

word kernel_pml4_paddr() { return reinterpret_cast<word>(boot_pml4); }  // identity-linked boot symbol

u64* table_at(word paddr) { return static_cast<u64*>(phys_to_ptr(paddr)); }

// Device registers the kernel drives itself (the local APIC, the I/O APICs) are mapped uncached,
// a 4 KiB page each, in the top 1 GiB of the address space (a PDPT entry nothing else uses).
constexpr word device_window = 0xffffffffc0000000;
constexpr word pte_cache_disable = bit(4) | bit(3);  // PCD and PWT
alignas(4096) u64 device_directory[512];
alignas(4096) u64 device_table[512];
unsigned device_pages = 0;

word image_paddr(const void* p) { return reinterpret_cast<word>(p) - kernel_virtual_base; }

word window_end = window::boot_size;

u64* kernel_pdpt() { return table_at(table_at(kernel_pml4_paddr())[511] & pte_address_mask); }

bool cpu_has_huge_pages() {
    constexpr u32 cpuid_pdpe1gb = bit(26);
    return cpu::cpuid(0x80000000, 0).eax >= 0x80000001 && (cpu::cpuid(0x80000001, 0).edx & cpuid_pdpe1gb);
}

// A page directory of 2 MiB pages for each GiB from the boot window's end up to `extent`, while
// `mem` gives directories inside the boot window.
void map_large_pages(word extent, boot::BootMemory& mem, WindowMap& map) {
    for (map.end = window::boot_size; map.end < extent; map.end += bit(window::huge_bits)) {
        word directory = mem.alloc(4096, 12);
        if (!directory || directory + 4096 > window::boot_size) break;
        window::fill_large(table_at(directory), map.end);
        kernel_pdpt()[map.end >> window::huge_bits] = window::directory_entry(directory);
        map.table_bytes += 4096;
    }
}

}  // namespace

WindowMap map_kernel_window(const boot::BootParams& params, boot::BootMemory& mem) {
    WindowMap map{window::max_size, cpu_has_huge_pages(), 0};
    if (map.huge_pages) {
        window::fill_huge(kernel_pdpt(), window::max_size);
    } else {
        map_large_pages(window::large_page_extent(params), mem, map);
    }
    window_end = map.end;
    cpu::write_cr3(cpu::read_cr3());
    return map;
}

word phys_window_end() { return window_end; }

void* map_kernel_device(word paddr) {
    if (device_pages == 0) {
        kernel_pdpt()[511] = image_paddr(device_directory) | pte_present | pte_write;
        device_directory[0] = image_paddr(device_table) | pte_present | pte_write;
    }
    if (device_pages == array_size(device_table)) return nullptr;
    device_table[device_pages] = round_down(paddr, 12) | pte_present | pte_write | pte_cache_disable;
    return reinterpret_cast<u8*>(device_window + (word{device_pages++} << 12)) + (paddr & 0xfff);
}

void add_kernel_devices(boot::BootMemory& m) {
    constexpr word msi_doorbell = 0xfffffff8;  // poking it could raise any MSI (seL4's platAddDevices)
    for (unsigned i = 0; i < device_pages; i++) {
        word page = device_table[i] & pte_address_mask;
        m.add_free(page, page + 4096);
    }
    m.add_free(msi_doorbell, msi_doorbell + 8);
}

void init_kernel_vspace() {
    table_at(kernel_pml4_paddr())[0] = 0;
    cpu::write_cr3(kernel_pml4_paddr());
}

word kernel_vspace_root() { return kernel_pml4_paddr(); }

bool read_user_word(word vspace_root, word vaddr, word& out) {
    if (!vspace_root || vaddr >= user_top || !is_aligned(vaddr, 3)) return false;
    const u64* table = table_at(vspace_root);
    for (unsigned level = 0; level < levels; level++) {
        u64 e = table[index_at(vaddr, level)];
        if (!(e & pte_present) || !(e & pte_user)) return false;
        EntryTarget target = entry_target(e, level);  // a 4 KiB page, a 2 MiB or 1 GiB one, or a table
        if (!target.page) {
            table = table_at(target.paddr);
            continue;
        }
        word paddr = target.paddr + (vaddr & mask(span(level)));
        if (!is_ram(paddr, 8)) return false;
        out = *static_cast<const word*>(phys_to_ptr(paddr));
        return true;
    }
    return false;
}

}  // namespace arch
