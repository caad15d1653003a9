// User address spaces built at boot (the root task's): 4-level tables allocated from boot memory.
// Shared by the x86_64 kernel and the simulated machine, whose MMU walks the same tables.
#include "arch/vspace.h"
#include "arch/paging.h"
#include "lib/string.h"

namespace arch {
namespace {

using namespace paging;
constexpr unsigned kernel_half_first_entry = 256;

u64* table_at(word paddr) { return static_cast<u64*>(phys_to_ptr(paddr)); }

// The next-level table under entry `e`, creating it when `mem` is given.
u64* next_table(u64& e, boot::BootMemory* mem) {
    if (!(e & pte_present)) {
        word t = mem ? mem->alloc(4096, 12) : 0;
        if (!t) return nullptr;
        memset(table_at(t), 0, 4096);
        e = t | pte_present | pte_write | pte_user;
    }
    if (e & pte_huge) return nullptr;
    return table_at(e & pte_address_mask);
}

}  // namespace

bool create_user_vspace(boot::BootMemory& mem, word& root) {
    root = mem.alloc(4096, 12);
    if (!root) return false;
    u64* pml4 = table_at(root);
    const u64* kernel = table_at(kernel_vspace_root());
    for (unsigned i = 0; i < 512; i++) pml4[i] = i >= kernel_half_first_entry ? kernel[i] : 0;
    return true;
}

bool map_user_frame(boot::BootMemory& mem, word root, word vaddr, word paddr) {
    if (vaddr >= user_top || !is_aligned(vaddr, 12) || !is_aligned(paddr, 12)) return false;
    u64* table = table_at(root);
    for (unsigned level = 0; level < levels - 1; level++) {
        table = next_table(table[index_at(vaddr, level)], &mem);
        if (!table) return false;
    }
    table[index_at(vaddr, levels - 1)] = paddr | pte_present | pte_write | pte_user;
    return true;
}

void* paging_structure(word root, word vaddr, unsigned level) {
    u64* table = table_at(root);
    for (unsigned l = 0; l < level; l++) {
        table = next_table(table[index_at(vaddr, l)], nullptr);
        if (!table) return nullptr;
    }
    return table;
}

}  // namespace arch
