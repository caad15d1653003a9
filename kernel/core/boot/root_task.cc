// Creation of the root task from the first boot module.
#include "boot/root_task.h"
#include "arch/context.h"
#include "arch/vspace.h"
#include "boot/bootinfo.h"
#include "kernel/console.h"
#include "lib/string.h"

namespace boot {
namespace {

constexpr unsigned page_bits = 12;
constexpr word page_size = bit(page_bits);

// A zeroed, page-aligned physical block of `size` bytes, or 0 when memory has run out.
word alloc_zeroed(BootMemory& mem, word size) {
    word paddr = mem.alloc(size, page_bits);
    if (paddr) memset(arch::phys_to_ptr(paddr), 0, size);
    return paddr;
}

bool map_range(BootMemory& mem, word root, word vaddr, word paddr, word size) {
    for (word off = 0; off < size; off += page_size) {
        if (!arch::map_user_frame(mem, root, vaddr + off, paddr + off)) return false;
    }
    return true;
}

BootError module_bytes(const BootParams& params, const PhysView& phys, Bytes& out) {
    if (params.num_modules == 0) {
        return {"no root task", "pass the root task's ELF image as the first boot module (QEMU: -initrd FILE)"};
    }
    const Module& m = params.modules[0];
    if (m.end <= m.start || !phys.contains(m.start, m.end - m.start)) {
        return {"root task module is empty or lies outside the memory the kernel can reach", ""};
    }
    out = Bytes(phys.base + m.start, m.end - m.start);
    return {};
}

struct Placed {
    word image, ipc_buffer, bootinfo;
};

BootError place_and_map(Bytes file, const RootTaskLayout& l, BootMemory& mem, word& root, Placed& p) {
    word image_size = l.image.end - l.image.start;
    p.image = alloc_zeroed(mem, image_size);
    p.ipc_buffer = alloc_zeroed(mem, page_size);
    p.bootinfo = alloc_zeroed(mem, page_size);
    if (!p.image || !p.ipc_buffer || !p.bootinfo || !arch::create_user_vspace(mem, root)) {
        return {"out of memory while loading the root task", ""};
    }
    load_elf(file, l.image, static_cast<u8*>(arch::phys_to_ptr(p.image)));
    if (!map_range(mem, root, l.image.start, p.image, image_size) ||
        !map_range(mem, root, l.ipc_buffer, p.ipc_buffer, page_size) ||
        !map_range(mem, root, l.bootinfo, p.bootinfo, page_size)) {
        return {"out of memory while building the root task's address space", ""};
    }
    return {};
}

}  // namespace

RootTaskLayout layout_root_task(const ElfLayout& image) {
    RootTaskLayout l{image, 0, 0, 0};
    l.ipc_buffer = image.end;
    l.bootinfo = l.ipc_buffer + page_size;
    l.end = l.bootinfo + page_size;
    return l;
}

BootError create_root_task(const BootParams& params, const PhysView& phys, BootMemory& mem, core::Tcb& tcb) {
    Bytes file;
    if (BootError e = module_bytes(params, phys, file); e.what) return e;
    ElfLayout image;
    if (ElfError e = check_elf(file, arch::user_top, image); e != ElfError::None) {
        return {"root task module is not a usable ELF64 executable", describe(e)};
    }
    RootTaskLayout l = layout_root_task(image);
    word root = 0;
    Placed p{};
    if (BootError e = place_and_map(file, l, mem, root, p); e.what) return e;
    core::kprintf("Root task: v_entry=%p v_start=%p v_end=%p p_start=%p ipc_buffer=%p bootinfo=%p\n",
                  reinterpret_cast<void*>(image.entry), reinterpret_cast<void*>(image.start),
                  reinterpret_cast<void*>(image.end), reinterpret_cast<void*>(p.image),
                  reinterpret_cast<void*>(l.ipc_buffer), reinterpret_cast<void*>(l.bootinfo));
    populate_bootinfo(*static_cast<seL4_BootInfo*>(arch::phys_to_ptr(p.bootinfo)), l);
    tcb.context = arch::initial_user_context(image.entry, l.bootinfo);
    tcb.vspace_root = root;
    tcb.ipc_buffer = l.ipc_buffer;
    tcb.state = core::ThreadState::Running;
    tcb.set_name("rootserver");
    return {};
}

}  // namespace boot
