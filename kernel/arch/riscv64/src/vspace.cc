// The kernel's and the root task's address spaces on Sv39, and reading user memory through them.
#include "arch/vspace.h"
#include "arch/csr.h"
#include "arch/paging.h"
#include "arch/user_memory.h"
#include "lib/string.h"

extern "C" u64 boot_page_table[];  // src/boot.S: the kernel's root table

namespace arch {
namespace {

using namespace sv39;

u64* table_at(word paddr) { return static_cast<u64*>(phys_to_ptr(paddr)); }

// The entry of `level` for `vaddr` under the root at physical `root`, or nullptr when a table on
// the way is missing (or a leaf above `level` maps it).
u64* entry_at(word root, word vaddr, unsigned level) {
    u64* table = table_at(root);
    for (unsigned l = 0; l < level; l++) {
        u64 e = table[index(vaddr, l)];
        if (!(e & pte_v) || is_leaf(e)) return nullptr;
        table = table_at(pte_paddr(e));
    }
    return &table[index(vaddr, level)];
}

}  // namespace

word kernel_vspace_root() { return image_to_phys(boot_page_table); }

void activate_vspace(word root) {
    csr::write_satp(satp_mode_sv39 | (root >> 12));
    csr::sfence_vma();
}

void load_vspace(word root) {
    if ((csr::read_satp() & mask(44)) != root >> 12) activate_vspace(root);
}

void init_vspace_object(void* root) {
    const u64* kernel = table_at(kernel_vspace_root());
    u64* table = static_cast<u64*>(root);
    for (unsigned i = kernel_first_entry; i < entries; i++) table[i] = kernel[i];
}

bool create_user_vspace(boot::BootMemory& mem, word& root) {
    root = mem.alloc(4096, 12);
    if (!root) return false;
    memset(table_at(root), 0, 4096);
    init_vspace_object(table_at(root));
    return true;
}

bool map_user_frame(boot::BootMemory& mem, word root, word vaddr, word paddr) {
    u64* table = table_at(root);
    for (unsigned l = 0; l + 1 < levels; l++) {
        u64& e = table[index(vaddr, l)];
        if (!(e & pte_v)) {
            word t = mem.alloc(4096, 12);
            if (!t) return false;
            memset(table_at(t), 0, 4096);
            e = table_pte(t);
        }
        table = table_at(pte_paddr(e));
    }
    table[index(vaddr, levels - 1)] = leaf_pte(paddr, pte_r | pte_w | pte_x | pte_u);
    return true;
}

void* paging_structure(word root, word vaddr, unsigned level) {
    u64* e = entry_at(root, vaddr, level - 1);
    if (!e || !(*e & pte_v) || is_leaf(*e)) return nullptr;
    return table_at(pte_paddr(*e));
}

bool read_user_word(word root, word vaddr, word& out) {
    if (vaddr > user_top || vaddr % 8) return false;
    u64* table = table_at(root);
    for (unsigned l = 0; l < levels; l++) {
        u64 e = table[index(vaddr, l)];
        if (!(e & pte_v)) return false;
        if (is_leaf(e)) {
            if (!(e & pte_u) || !(e & pte_r)) return false;
            word paddr = pte_paddr(e) + (vaddr & mask(level_bits(l)));
            if (!is_ram(paddr, 8)) return false;
            out = *static_cast<const word*>(phys_to_ptr(paddr));
            return true;
        }
        table = table_at(pte_paddr(e));
    }
    return false;
}

}  // namespace arch
