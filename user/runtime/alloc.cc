// A simple allocator of CSpace slots and kernel objects for a root task.
#include <keel/alloc.h>

namespace {
seL4_BootInfo* bi;
seL4_CPtr next_slot, end_slot;
seL4_Word untyped_index;  // the boot untyped currently allocated from; earlier ones are full
}  // namespace

extern "C" void keel_alloc_init(seL4_BootInfo* bootinfo) {
    bi = bootinfo;
    next_slot = bi->empty.start;
    end_slot = bi->empty.end;
    untyped_index = 0;
}

extern "C" seL4_CPtr keel_alloc_slot(void) { return next_slot < end_slot ? next_slot++ : 0; }

extern "C" seL4_CPtr keel_alloc_object(seL4_Word type, seL4_Word size_bits) {
    seL4_CPtr slot = keel_alloc_slot();
    if (!slot) return 0;
    seL4_Word count = bi->untyped.end - bi->untyped.start;
    for (; untyped_index < count; untyped_index++) {
        if (bi->untypedList[untyped_index].isDevice) continue;
        seL4_CPtr ut = bi->untyped.start + untyped_index;
        seL4_Error e = seL4_Untyped_Retype(ut, type, size_bits, seL4_CapInitThreadCNode, 0, 0, slot, 1);
        if (e == seL4_NoError) return slot;
        if (e != seL4_NotEnoughMemory) return 0;
    }
    return 0;
}
