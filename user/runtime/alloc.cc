// A simple allocator of CSpace slots and kernel objects for a root task.
#include <keel/alloc.h>
#include <keel/arch.h>

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

namespace {

// Splits the untyped `*untyped` of 2^bits bytes at `*base` in two halves and keeps the one holding
// `paddr`; false when the retype fails.
bool keep_half(seL4_CPtr* untyped, seL4_Word* base, seL4_Word bits, seL4_Word paddr) {
    seL4_CPtr halves = keel_alloc_slot();
    if (!halves || !keel_alloc_slot()) return false;  // the second half's slot follows
    if (seL4_Untyped_Retype(*untyped, seL4_UntypedObject, bits - 1, seL4_CapInitThreadCNode, 0, 0, halves, 2) !=
        seL4_NoError) {
        return false;
    }
    bool upper = paddr - *base >= (seL4_Word{1} << (bits - 1));
    *untyped = halves + upper;
    *base += upper ? seL4_Word{1} << (bits - 1) : 0;
    return true;
}

}  // namespace

extern "C" seL4_CPtr keel_device_frame(seL4_Word paddr) {
    seL4_CPtr untyped = 0;
    seL4_Word base = 0, bits = 0;
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
        const seL4_UntypedDesc& u = bi->untypedList[i];
        if (u.isDevice && paddr >= u.paddr && paddr - u.paddr < (seL4_Word{1} << u.sizeBits)) {
            untyped = bi->untyped.start + i, base = u.paddr, bits = u.sizeBits;
        }
    }
    for (; untyped && bits > seL4_PageBits; bits--) {
        if (!keep_half(&untyped, &base, bits, paddr)) return 0;
    }
    seL4_CPtr frame = keel_alloc_slot();
    if (!untyped || !frame ||
        seL4_Untyped_Retype(untyped, KEEL_FRAME_OBJECT, 0, seL4_CapInitThreadCNode, 0, 0, frame, 1) != seL4_NoError) {
        return 0;
    }
    return frame;
}
