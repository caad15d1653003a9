// The demo's device page (device_page.h): a frame retyped from the device untyped that starts at
// the device's registers.
#include "device_page.h"
#include <keel/alloc.h>
#include <keel/process.h>

namespace {
seL4_CPtr device_untyped_at(seL4_BootInfo* bi, seL4_Word paddr) {
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
        const seL4_UntypedDesc& u = bi->untypedList[i];
        if (u.isDevice && u.paddr == paddr) return bi->untyped.start + i;
    }
    return 0;
}
}  // namespace

bool demo_map_device_page(seL4_BootInfo* bi, seL4_Word paddr, seL4_Word vaddr, seL4_Word frame_object) {
    seL4_CPtr untyped = device_untyped_at(bi, paddr);
    seL4_CPtr frame = keel_alloc_slot();
    return untyped && frame &&
           seL4_Untyped_Retype(untyped, frame_object, 0, seL4_CapInitThreadCNode, 0, 0, frame, 1) == seL4_NoError &&
           keel_map_frame(frame, seL4_CapInitThreadVSpace, vaddr, seL4_ReadWrite) == 0;
}
