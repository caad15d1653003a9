// Creation of the root task from the first boot module, as seL4 16.0.0 lays it out.
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

// Loads the root task from module 0 into fresh memory taken from `mem`, builds its address space
// and BootInfo, and makes `tcb` ready to run it.
BootError create_root_task(const BootParams& params, const PhysView& phys, BootMemory& mem, core::Tcb& tcb);

}  // namespace boot
