// The root task's CNode while the kernel fills it at boot: fixed initial slots, then regions.
#pragma once
#include <sel4/bootinfo_types.h>
#include "object/cap.h"

namespace boot {

// seL4's initial slot numbers (seL4_CapInitThreadTCB, ...).
enum InitialSlot : word {
    slot_tcb = 1, slot_cnode = 2, slot_vspace = 3, slot_irq_control = 4, slot_asid_control = 5,
    slot_asid_pool = 6, slot_io_control = 7, slot_bootinfo_frame = 9, slot_ipc_buffer = 10,
    slot_domain = 11, slot_init_thread_sc = 14, num_initial_caps = 16,
};

class RootCNode {
public:
    RootCNode(core::Slot* slots, unsigned radix) : slots_(slots), size_(bit(radix)) {}

    core::Slot& slot(word i) { return slots_[i]; }
    // An original cap, with no parent in the derivation tree.
    void write(word i, const core::Cap& cap);
    // Puts `cap` in the next free slot after the initial ones; false when the CNode is full.
    bool provide(const core::Cap& cap);
    word next_free() const { return next_; }
    word size() const { return size_; }
    // The slots provided since `start`, as a BootInfo region.
    seL4_SlotRegion region_since(word start) const { return {start, next_}; }

private:
    core::Slot* slots_;
    word size_;
    word next_ = num_initial_caps;
};

}  // namespace boot
