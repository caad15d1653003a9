// Creation of the root task from the first boot module, as seL4 16.0.0 lays it out: its image,
// address space, TCB, root CNode with the initial caps, untyped caps for the free memory, and
// the BootInfo frame that describes it all.
#pragma once
#include "boot/boot_sources.h"
#include "boot/elf.h"
#include "boot/memory.h"
#include "object/tcb.h"

namespace boot {

// The root task's virtual layout: its image, then the IPC buffer page, the BootInfo page, and
// the extra BootInfo pages (a power-of-two number, as seL4 sizes them).
struct RootTaskLayout {
    ElfLayout image;
    word ipc_buffer;
    word bootinfo;
    word extra_bootinfo;
    word extra_bootinfo_size;  // bytes of chunks (BootInfo's extraLen)
    word extra_bootinfo_pages;
    word end;  // first address after everything the kernel maps for the root task
};

RootTaskLayout layout_root_task(const ElfLayout& image, word extra_bootinfo_size);

struct BootError {
    const char* what = nullptr;  // nullptr: no error
    const char* detail = "";
};

// Loads the root task from module 0 into memory taken from `mem` and builds everything it
// starts with. What is left in `mem` afterwards becomes its untyped memory; what is not in
// `kernel_owned` (the RAM and the device registers the kernel uses) becomes its device untypeds.
// `tcb` is set to the root task's thread, ready to run.
BootError create_root_task(const BootSources& sources, const PhysView& phys, const ExtraBootInfo& extra,
                           const BootMemory& kernel_owned, BootMemory& mem,
                           core::Tcb*& tcb);

}  // namespace boot
