// Creation of the root task from the first boot module.
#include "boot/root_task.h"
#include "kernel/capdl.h"
#include "arch/caps.h"
#include "arch/context.h"
#include "arch/mmu.h"
#include "arch/vspace.h"
#include "boot/bootinfo.h"
#include "boot/root_cnode.h"
#include "cspace/cte.h"
#include "generated/config.h"
#include "kernel/console.h"
#include "kernel/ipc.h"
#include "lib/string.h"
#include "object/sched_invocation.h"
#include "syscall/syscall.h"

namespace boot {
namespace {

using core::Cap;
using core::CapType;

constexpr unsigned page_bits = 12;
constexpr word page_size = bit(page_bits);
constexpr word initial_asid = 1;  // seL4's IT_ASID
constexpr unsigned root_cnode_radix = config::root_cnode_size_bits;

// A zeroed, aligned block of 2^size_bits bytes (or `size` bytes page-aligned), 0 when out of memory.
word alloc_zeroed(BootMemory& mem, word size, unsigned align_bits) {
    word paddr = mem.alloc(size, align_bits);
    if (paddr) memset(arch::phys_to_ptr(paddr), 0, size);
    return paddr;
}

BootError module_bytes(const BootSources& sources, const PhysView& phys, Bytes& out) {
    if (sources.num_modules == 0) {
        return {"no root task", "pass the root task's ELF image as the first boot module (QEMU: -initrd FILE)"};
    }
    const Module& m = sources.modules[0];
    if (m.end <= m.start || !phys.contains(m.start, m.end - m.start)) {
        return {"root task module is empty or lies outside the memory the kernel can reach", ""};
    }
    out = Bytes(phys.base + m.start, m.end - m.start);
    return {};
}

// Physical addresses of the root task's objects.
struct Objects {
    word cnode, tcb, asid_pool, image, ipc_buffer, bootinfo, extra_bootinfo, vspace;
    word sched_context;  // MCS only
};

// MCS: the root task's scheduling context, of seL4_MinSchedContextBits.
bool allocate_sched_context(BootMemory& mem, Objects& o) {
    if (!config::kernel_mcs) return true;
    constexpr unsigned bits = core::min_sched_context_bits;
    o.sched_context = alloc_zeroed(mem, bit(bits), bits);
    return o.sched_context != 0;
}

BootError allocate(BootMemory& mem, const RootTaskLayout& l, Objects& o) {
    o.cnode = alloc_zeroed(mem, bit(root_cnode_radix + 5), root_cnode_radix + 5);
    o.tcb = alloc_zeroed(mem, bit(core::tcb_size_bits), core::tcb_size_bits);
    o.asid_pool = alloc_zeroed(mem, page_size, page_bits);
    o.image = alloc_zeroed(mem, l.image.end - l.image.start, page_bits);
    o.ipc_buffer = alloc_zeroed(mem, page_size, page_bits);
    o.bootinfo = alloc_zeroed(mem, page_size, page_bits);
    o.extra_bootinfo = alloc_zeroed(mem, l.extra_bootinfo_pages * page_size, page_bits);
    if (!o.cnode || !o.tcb || !o.asid_pool || !o.image || !o.ipc_buffer || !o.bootinfo || !o.extra_bootinfo ||
        !arch::create_user_vspace(mem, o.vspace) || !allocate_sched_context(mem, o)) {
        return {"out of memory while creating the root task", ""};
    }
    return {};
}

bool map_range(BootMemory& mem, word root, word vaddr, word paddr, word size) {
    for (word off = 0; off < size; off += page_size) {
        if (!arch::map_user_frame(mem, root, vaddr + off, paddr + off)) return false;
    }
    return true;
}

BootError map_all(BootMemory& mem, const RootTaskLayout& l, const Objects& o) {
    if (!map_range(mem, o.vspace, l.image.start, o.image, l.image.end - l.image.start) ||
        !map_range(mem, o.vspace, l.ipc_buffer, o.ipc_buffer, page_size) ||
        !map_range(mem, o.vspace, l.bootinfo, o.bootinfo, page_size) ||
        !map_range(mem, o.vspace, l.extra_bootinfo, o.extra_bootinfo, l.extra_bootinfo_pages * page_size)) {
        return {"out of memory while building the root task's address space", ""};
    }
    return {};
}

Cap mapped_frame(word paddr, word vaddr) {
    return Cap::frame(arch::phys_to_ptr(paddr), core::FrameSize::Small, core::VmRights::ReadWrite, false)
        .with_mapping(initial_asid, vaddr);
}

void write_initial_caps(RootCNode& cn, const RootTaskLayout& l, const Objects& o) {
    cn.write(slot_tcb, Cap::thread(arch::phys_to_ptr(o.tcb)));
    cn.write(slot_cnode, Cap::cnode(arch::phys_to_ptr(o.cnode), root_cnode_radix, 64 - root_cnode_radix, 0));
    cn.write(slot_vspace, Cap::paging(arch::vspace_root_type, arch::phys_to_ptr(o.vspace)).with_mapping(initial_asid, 0));
    cn.write(slot_irq_control, Cap::of_type(CapType::IrqControl));
    cn.write(slot_asid_control, Cap::of_type(CapType::AsidControl));
    cn.write(slot_asid_pool, Cap::asid_pool(arch::phys_to_ptr(o.asid_pool), 0));
    arch::set_initial_asid_pool(arch::phys_to_ptr(o.asid_pool), arch::phys_to_ptr(o.vspace));
    cn.write(slot_io_control, arch::io_control_cap());
    cn.write(slot_bootinfo_frame, mapped_frame(o.bootinfo, l.bootinfo));
    cn.write(slot_ipc_buffer, mapped_frame(o.ipc_buffer, l.ipc_buffer));
    cn.write(slot_domain, Cap::of_type(CapType::Domain));
    if (config::kernel_mcs) {
        cn.write(slot_init_thread_sc, Cap::sched_context(arch::phys_to_ptr(o.sched_context), core::min_sched_context_bits));
    }
}

// MCS: one SchedControl cap per node (seL4's init_sched_control), when `here` is where the
// architecture's boot provides them.
bool provide_sched_control(RootCNode& cn, BootInfoRegions& regions, bool here) {
    if (!config::kernel_mcs || !here) return true;
    word start = cn.next_free();
    for (word node = 0; node < num_nodes; node++) {
        if (!cn.provide(Cap::sched_control(node))) return false;
    }
    regions.schedcontrol = cn.region_since(start);
    return true;
}

// MCS: the root task runs on its scheduling context, with seL4's boot budget
// (KernelBootThreadTimeSlice) as one round-robin refill.
void give_sched_context(core::Tcb& tcb, const Objects& o) {
    if constexpr (config::kernel_mcs) {
        auto& sc = *static_cast<core::SchedContext*>(arch::phys_to_ptr(o.sched_context));
        core::configure_sched_context(tcb, sc, core::boot_budget_ticks());
    }
}

// Caps for the paging structures behind [start, end): level by level as the arch lists them,
// each level in address order, as seL4 provides them.
bool provide_paging_caps(RootCNode& cn, word vspace, word start, word end) {
    for (const arch::PagingLevel& l : arch::boot_paging_levels) {
        for (word v = round_down(start, l.span_bits); v < end; v += bit(l.span_bits)) {
            void* table = arch::paging_structure(vspace, v, l.level);
            if (table && !cn.provide(Cap::paging(l.type, table).with_mapping(initial_asid, v))) return false;
        }
    }
    return true;
}

bool provide_frames(RootCNode& cn, word paddr, word vaddr, word size) {
    for (word off = 0; off < size; off += page_size) {
        if (!cn.provide(mapped_frame(paddr + off, vaddr + off))) return false;
    }
    return true;
}

// The thread's own slots hold copies of its CSpace root, VSpace root and IPC buffer caps.
void init_thread(core::Tcb& tcb, RootCNode& cn, const RootTaskLayout& l) {
    tcb = core::Tcb{};
    arch::init_fpu_state(tcb.fpu);
    tcb.priority = tcb.mcp = core::num_priorities - 1;  // seL4_MaxPrio
    core::cte_insert(cn.slot(slot_cnode).cap, cn.slot(slot_cnode), tcb.slot(core::TcbSlot::CTable));
    core::cte_insert(cn.slot(slot_vspace).cap, cn.slot(slot_vspace), tcb.slot(core::TcbSlot::VTable));
    Cap buffer = cn.slot(slot_ipc_buffer).cap.without_mapping();
    core::cte_insert(buffer, cn.slot(slot_ipc_buffer), tcb.slot(core::TcbSlot::Buffer));
    tcb.context = arch::initial_user_context(l.image.entry, l.bootinfo);
    tcb.ipc_buffer = l.ipc_buffer;
    tcb.state = core::ThreadState::Running;
    tcb.set_name("rootserver");
    core::setup_reply_master(tcb);
    core::debug_register_tcb(tcb);
}

}  // namespace

RootTaskLayout layout_root_task(const ElfLayout& image, word extra_bootinfo_size) {
    RootTaskLayout l{image, 0, 0, 0, extra_bootinfo_size, 0, 0};
    l.ipc_buffer = image.end;
    l.bootinfo = l.ipc_buffer + page_size;
    l.extra_bootinfo = l.bootinfo + page_size;
    l.extra_bootinfo_pages = 1;
    while (l.extra_bootinfo_pages * page_size < extra_bootinfo_size) l.extra_bootinfo_pages *= 2;
    l.end = l.extra_bootinfo + l.extra_bootinfo_pages * page_size;
    return l;
}

BootError create_root_task(const BootSources& sources, const PhysView& phys, const ExtraBootInfo& extra,
                           const BootMemory& kernel_owned, BootMemory& mem, core::Tcb*& tcb) {
    Bytes file;
    if (BootError e = module_bytes(sources, phys, file); e.what) return e;
    ElfLayout image;
    if (ElfError e = check_elf(file, arch::user_top, image); e != ElfError::None) {
        return {"root task module is not a usable ELF64 executable", describe(e)};
    }
    RootTaskLayout l = layout_root_task(image, extra_bootinfo_size(extra));
    Objects o{};
    if (BootError e = allocate(mem, l, o); e.what) return e;
    load_elf(file, l.image, static_cast<u8*>(arch::phys_to_ptr(o.image)));
    write_extra_bootinfo(static_cast<u8*>(arch::phys_to_ptr(o.extra_bootinfo)), sources, extra);
    if (BootError e = map_all(mem, l, o); e.what) return e;

    RootCNode cn(static_cast<core::Slot*>(arch::phys_to_ptr(o.cnode)), root_cnode_radix);
    write_initial_caps(cn, l, o);
    BootInfoRegions regions{};
    bool ok = provide_sched_control(cn, regions, arch::sched_control_before_paging);
    word start = cn.next_free();
    ok = ok && provide_paging_caps(cn, o.vspace, l.image.start, l.end);
    regions.user_image_paging = cn.region_since(start);
    start = cn.next_free();
    ok = ok && provide_frames(cn, o.extra_bootinfo, l.extra_bootinfo, l.extra_bootinfo_pages * page_size);
    regions.extra_bi_pages = cn.region_since(start);
    ok = ok && provide_sched_control(cn, regions, !arch::sched_control_before_paging);
    start = cn.next_free();
    ok = ok && provide_frames(cn, o.image, l.image.start, l.image.end - l.image.start);
    regions.user_image_frames = cn.region_since(start);
    if (!ok) return {"the root CNode is too small for the root task's image", ""};

    tcb = static_cast<core::Tcb*>(arch::phys_to_ptr(o.tcb));
    init_thread(*tcb, cn, l);
    give_sched_context(*tcb, o);
    core::set_snapshot_root_thread(tcb);
    auto& bi = *static_cast<seL4_BootInfo*>(arch::phys_to_ptr(o.bootinfo));
    regions.untyped = provide_untyped_caps(cn, kernel_owned, mem, bi);
    regions.empty = {cn.next_free(), cn.size()};
    populate_bootinfo(bi, l, regions);
    core::set_invariant_root(&cn.slot(0), cn.size());
    core::kprintf("Root task: v_entry=%p v_start=%p v_end=%p p_start=%p, %lu untyped caps\n",
                  reinterpret_cast<void*>(image.entry), reinterpret_cast<void*>(image.start),
                  reinterpret_cast<void*>(image.end), reinterpret_cast<void*>(o.image),
                  regions.untyped.end - regions.untyped.start);
    return {};
}

}  // namespace boot
