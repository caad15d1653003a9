// The root task's address space at boot: four-level tables in TTBR0's half (arch/vspace.h).
#include "arch/vspace.h"
#include "arch/kernel_window.h"
#include "arch/paging.h"
#include "lib/string.h"

namespace arch {
namespace {

using namespace vmsa;

u64* table_at(word paddr) { return static_cast<u64*>(phys_to_ptr(paddr)); }

// A user page: normal inner-shareable memory, accessed, not global (the ASID tags it), never
// executable at EL1.
constexpr u64 user_page(word paddr) {
    return paddr | desc_page | desc_valid | attr_normal | sh_inner | ap_user_rw | access_flag | not_global | pxn;
}

word new_table(boot::BootMemory& mem) {
    word t = mem.alloc(4096, 12);
    if (t) memset(table_at(t), 0, 4096);
    return t;
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
        if (!(e & desc_valid)) {
            word t = new_table(mem);
            if (!t) return false;
            e = table_desc(t);
        }
        table = table_at(desc_paddr(e));
    }
    table[index(vaddr, levels - 1)] = user_page(paddr);
    return true;
}

// The new tables must be visible to the walker before TTBR0 names them.
void activate_vspace(word root, word asid) {
    asm volatile("dsb ishst\n msr ttbr0_el1, %0\n isb" ::"r"(root | asid << 48) : "memory");
}

}  // namespace arch
