// x86_64 address spaces for the runtime: PML4 roots, and the PDPT, page directory and page table
// a 4 KiB mapping may need.
#include <keel/alloc.h>
#include "../../arch_layer.h"

namespace {

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

}  // namespace

bool keel::arch::map_frame(seL4_CPtr frame, seL4_CPtr vspace, seL4_Word vaddr, seL4_CapRights_t rights) {
    for (int tries = 0; tries < 4; tries++) {
        seL4_Error e = seL4_X86_Page_Map(frame, vspace, vaddr, rights, seL4_X86_Default_VMAttributes);
        if (e == seL4_NoError) return true;
        if (e != seL4_FailedLookup || !add_missing_table(vspace, vaddr)) return false;
    }
    return false;
}

seL4_Error keel::arch::unmap_frame(seL4_CPtr frame) { return seL4_X86_Page_Unmap(frame); }

seL4_CPtr keel::arch::new_vspace() {
    seL4_CPtr vspace = keel_alloc_object(seL4_X64_PML4Object, 0);
    return vspace && seL4_X86_ASIDPool_Assign(seL4_CapInitThreadASIDPool, vspace) == seL4_NoError ? vspace : 0;
}
