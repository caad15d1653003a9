// Helpers for conformance tests that use capabilities.
#include "cspace_helpers.h"
#include <keel/alloc.h>

namespace keel {
namespace {

const seL4_UntypedDesc& boot_untyped(seL4_CPtr s) {
    seL4_BootInfo* bi = keel_bootinfo();
    return bi->untypedList[s - bi->untyped.start];
}

// The boot RAM untyped with the most memory below 2^limit_bits bytes; failing that, any.
seL4_CPtr largest_boot_untyped(unsigned limit_bits) {
    seL4_BootInfo* bi = keel_bootinfo();
    seL4_CPtr best = 0, any = 0;
    unsigned best_bits = 0;
    for (seL4_CPtr s = bi->untyped.start; s < bi->untyped.end; s++) {
        const seL4_UntypedDesc& d = boot_untyped(s);
        if (d.isDevice) continue;
        any = s;
        if (d.sizeBits > best_bits && d.sizeBits < limit_bits) best = s, best_bits = d.sizeBits;
    }
    return best ? best : any;
}
}  // namespace

seL4_CPtr alloc_slot() { return keel_alloc_slot(); }

seL4_CPtr device_untyped_at(seL4_Word paddr, seL4_Word size_bits) {
    seL4_BootInfo* bi = keel_bootinfo();
    for (seL4_CPtr s = bi->untyped.start; s < bi->untyped.end; s++) {
        const seL4_UntypedDesc& d = boot_untyped(s);
        if (d.isDevice && d.paddr == paddr && d.sizeBits == size_bits) return s;
    }
    return 0;
}

seL4_CPtr device_untyped_above_4g(seL4_Word size_bits, seL4_Word& paddr) {
    seL4_BootInfo* bi = keel_bootinfo();
    for (seL4_CPtr s = bi->untyped.start; s < bi->untyped.end; s++) {
        const seL4_UntypedDesc& d = boot_untyped(s);
        if (d.isDevice && d.paddr >= (1ul << 32) && d.sizeBits >= size_bits) return paddr = d.paddr, s;
    }
    return 0;
}

seL4_CPtr boot_untyped_covering(seL4_Word paddr, bool device) {
    seL4_BootInfo* bi = keel_bootinfo();
    for (seL4_CPtr s = bi->untyped.start; s < bi->untyped.end; s++) {
        const seL4_UntypedDesc& d = boot_untyped(s);
        if (d.isDevice == device && paddr >= d.paddr && paddr - d.paddr < (1ul << d.sizeBits)) return s;
    }
    return 0;
}

seL4_CPtr spare_boot_untyped(unsigned min_bits) {
    seL4_BootInfo* bi = keel_bootinfo();
    seL4_CPtr pool = largest_boot_untyped(30), spare = 0;
    for (seL4_CPtr s = bi->untyped.start; s < bi->untyped.end; s++) {
        const seL4_UntypedDesc& d = boot_untyped(s);
        if (!d.isDevice && d.sizeBits >= min_bits && s != pool) spare = s;
    }
    return spare;
}

seL4_CPtr minted(seL4_CPtr object, seL4_CapRights_t rights, seL4_Word badge) {
    seL4_CPtr slot = alloc_slot();
    return seL4_CNode_Mint(root, slot, 64, root, object, 64, rights, badge) == seL4_NoError ? slot : 0;
}

seL4_CPtr skip_sched_control(seL4_CPtr slot) {
#ifdef CONFIG_KERNEL_MCS
    const seL4_SlotRegion& r = keel_bootinfo()->schedcontrol;
    if (r.start == slot) return r.end;
#endif
    return slot;
}

seL4_CPtr alloc_untyped(unsigned size_bits) { return alloc_object(seL4_UntypedObject, size_bits); }

seL4_CPtr alloc_object(seL4_Word type, seL4_Word size_bits) {
    static seL4_CPtr pool;
    if (!pool) pool = largest_boot_untyped(30);
    seL4_CPtr slot = alloc_slot();
    seL4_Error e = seL4_Untyped_Retype(pool, type, size_bits, root, 0, 0, slot, 1);
    return e == seL4_NoError ? slot : 0;
}

}  // namespace keel
