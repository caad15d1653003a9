// The root task's address space at boot, four-level tables in TTBR0's half (arch/vspace.h), and
// reading user memory through an address space.
#include "arch/vspace.h"
#include "arch/paging.h"
#include "arch/user_memory.h"
#include "lib/string.h"
#include "mmu_internal.h"

namespace arch {
namespace {

using namespace vmsa;

u64* table_at(word paddr) { return static_cast<u64*>(phys_to_ptr(paddr)); }

// A root task page as seL4's map_it_frame_cap makes it: read-write, executable, normal memory.
constexpr u64 user_page(word paddr) {
    return user_page_pte({.paddr = paddr, .ap = ap_read_write, .execute_never = false, .cacheable = true, .small = true});
}

word new_table(boot::BootMemory& mem) {
    word t = mem.alloc(4096, 12);
    if (t) memset(table_at(t), 0, 4096);
    return t;
}

// The entry of `level` for `vaddr` under the root at physical `root`, or nullptr when a table on
// the way is missing (or a block above `level` maps it).
u64* entry_at(word root, word vaddr, unsigned level) {
    u64* table = table_at(root);
    for (unsigned l = 0; l < level; l++) {
        u64 e = table[index(vaddr, l)];
        if (!is_table_pte(e)) return nullptr;
        table = table_at(pte_paddr(e));
    }
    return &table[index(vaddr, level)];
}

}  // namespace

bool create_user_vspace(boot::BootMemory& mem, word& root) {
    root = new_table(mem);
    return root != 0;
}

bool map_user_frame(boot::BootMemory& mem, word root, word vaddr, word paddr) {
    u64* table = table_at(root);
    for (unsigned l = 0; l + 1 < levels; l++) {
        u64& e = table[index(vaddr, l)];
        if (!is_valid_pte(e)) {
            word t = new_table(mem);
            if (!t) return false;
            e = table_pte(t);
        }
        table = table_at(pte_paddr(e));
    }
    table[index(vaddr, levels - 1)] = user_page(paddr);
    return true;
}

void* paging_structure(word root, word vaddr, unsigned level) {
    u64* e = entry_at(root, vaddr, level - 1);
    if (!e || !is_table_pte(*e)) return nullptr;
    return table_at(pte_paddr(*e));
}

// The new tables must be visible to the walker before TTBR0 names them.
void activate_vspace(word root, word asid) { mmu::write_ttbr0(root, asid); }

bool read_user_word(word root, word vaddr, word& out) {
    if (vaddr > user_top || vaddr % 8) return false;
    mmu::PtSlot s = mmu::lookup_pt_slot<mmu::Vmsa>(table_at(root), vaddr);
    if (!is_page_pte(*s.pte)) return false;
    word paddr = pte_paddr(*s.pte) + (vaddr & mask(s.bits_left));
    if (!is_ram(paddr, 8)) return false;
    out = *static_cast<const word*>(phys_to_ptr(paddr));
    return true;
}

}  // namespace arch
