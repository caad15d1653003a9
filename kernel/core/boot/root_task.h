// Creation of the root task from the first boot module, as seL4 16.0.0 lays it out: its image,
// address space, TCB, root CNode with the initial caps, untyped caps for the free memory, and
// the BootInfo frame that describes it all.
#pragma once
#include "boot/boot_params.h"
#include "boot/elf.h"
#include "boot/memory.h"
#include "object/tcb.h"

namespace boot {

// The root task's virtual layout: its image, then the IPC buffer page, then the BootInfo page.
struct RootTaskLayout {
    ElfLayout image;
    word ipc_buffer;
    word bootinfo;
    word end;  // first address after everything the kernel maps for the root task
};

RootTaskLayout layout_root_task(const ElfLayout& image);

struct BootError {
    const char* what = nullptr;  // nullptr: no error
    const char* detail = "";
};

// Loads the root task from module 0 into memory taken from `mem` and builds everything it
// starts with. What is left in `mem` afterwards becomes its untyped memory. `tcb` is set to the
// root task's thread, ready to run.
BootError create_root_task(const BootParams& params, const PhysView& phys, BootMemory& mem, core::Tcb*& tcb);

}  // namespace boot
