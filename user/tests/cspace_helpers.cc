// Helpers for conformance tests that use capabilities.
#include "cspace_helpers.h"
#include <keel/alloc.h>

namespace keel {
namespace {

// The boot untyped with the most memory.
seL4_CPtr largest_boot_untyped() {
    seL4_BootInfo* bi = keel_bootinfo();
    seL4_CPtr best = 0;
    unsigned best_bits = 0;
    for (seL4_CPtr s = bi->untyped.start; s < bi->untyped.end; s++) {
        const seL4_UntypedDesc& d = bi->untypedList[s - bi->untyped.start];
        if (!d.isDevice && d.sizeBits > best_bits) {
            best = s;
            best_bits = d.sizeBits;
        }
    }
    return best;
}
}  // namespace

seL4_CPtr alloc_slot() { return keel_alloc_slot(); }

seL4_CPtr device_untyped_at(seL4_Word paddr, seL4_Word size_bits) {
    seL4_BootInfo* bi = keel_bootinfo();
    for (seL4_CPtr s = bi->untyped.start; s < bi->untyped.end; s++) {
        const seL4_UntypedDesc& d = bi->untypedList[s - bi->untyped.start];
        if (d.isDevice && d.paddr == paddr && d.sizeBits == size_bits) return s;
    }
    return 0;
}

seL4_CPtr alloc_untyped(unsigned size_bits) { return alloc_object(seL4_UntypedObject, size_bits); }

seL4_CPtr alloc_object(seL4_Word type, seL4_Word size_bits) {
    static seL4_CPtr pool;
    if (!pool) pool = largest_boot_untyped();
    seL4_CPtr slot = alloc_slot();
    seL4_Error e = seL4_Untyped_Retype(pool, type, size_bits, root, 0, 0, slot, 1);
    return e == seL4_NoError ? slot : 0;
}

}  // namespace keel
