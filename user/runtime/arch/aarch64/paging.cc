// aarch64 address spaces for the runtime: a VSpace object as the root (seL4_ARM_VSpaceObject), and
// the page tables below it a 4 KiB mapping may need (every level is a seL4_ARM_PageTableObject).
#include <keel/alloc.h>
#include "../../arch_layer.h"

namespace {

// Retypes and maps the page table a FailedLookup says is missing, at whatever level it is.
bool add_missing_table(seL4_CPtr vspace, seL4_Word vaddr) {
    seL4_CPtr table = keel_alloc_object(seL4_ARM_PageTableObject, 0);
    return table && seL4_ARM_PageTable_Map(table, vspace, vaddr, seL4_ARM_Default_VMAttributes) == seL4_NoError;
}

}  // namespace

bool keel::arch::map_frame(seL4_CPtr frame, seL4_CPtr vspace, seL4_Word vaddr, seL4_CapRights_t rights) {
    for (int tries = 0; tries < 4; tries++) {
        seL4_Error e = seL4_ARM_Page_Map(frame, vspace, vaddr, rights, seL4_ARM_Default_VMAttributes);
        if (e == seL4_NoError) return true;
        if (e != seL4_FailedLookup || !add_missing_table(vspace, vaddr)) return false;
    }
    return false;
}

seL4_Error keel::arch::unmap_frame(seL4_CPtr frame) { return seL4_ARM_Page_Unmap(frame); }

seL4_CPtr keel::arch::new_vspace() {
    seL4_CPtr vspace = keel_alloc_object(seL4_ARM_VSpaceObject, 0);
    return vspace && seL4_ARM_ASIDPool_Assign(seL4_CapInitThreadASIDPool, vspace) == seL4_NoError ? vspace : 0;
}
