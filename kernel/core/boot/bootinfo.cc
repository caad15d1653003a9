// The root task's seL4_BootInfo frame and its untyped caps.
#include "boot/bootinfo.h"
#include "arch/vspace.h"
#include "generated/config.h"
#include "kernel/console.h"

namespace boot {
namespace {

constexpr unsigned min_untyped_bits = 4;

unsigned floor_log2(word x) { return 63 - static_cast<unsigned>(__builtin_clzl(x)); }

// The largest block starting at `start` that is aligned to its size and fits before `end`.
unsigned block_bits(word start, word end) {
    unsigned bits = floor_log2(end - start);
    if (bits > arch::max_untyped_bits) bits = arch::max_untyped_bits;
    if (start != 0 && static_cast<unsigned>(__builtin_ctzl(start)) < bits) bits = static_cast<unsigned>(__builtin_ctzl(start));
    return bits;
}

class UntypedList {
public:
    UntypedList(RootCNode& cn, seL4_BootInfo& bi) : cn_(cn), bi_(bi) {}

    // Caps for [start, end) in the largest aligned blocks; false when the CNode is full.
    bool provide(word start, word end, bool device) {
        while (start < end) {
            unsigned bits = block_bits(start, end);
            if (bits >= min_untyped_bits && !provide_block(start, bits, device)) return false;
            start += bit(bits);
        }
        return true;
    }

private:
    // As seL4's provide_untyped_cap: a block past BootInfo's list is left out and boot goes on
    // (seL4 says so for each; we say it once); a full CNode ends the list. As seL4, the cap starts
    // full: the memory may hold what the boot loader or the kernel left there, and the first
    // Retype resets the untyped, which zeroes it (preemptibly).
    bool provide_block(word paddr, unsigned bits, bool device) {
        if (count_ >= config::max_num_bootinfo_untyped_caps) {
            if (dropped_++ == 0) core::kprintf("Kernel init: Too many untyped regions for boot info\n");
            return true;
        }
        void* p = device ? arch::device_pptr(paddr) : arch::phys_to_ptr(paddr);
        if (!cn_.provide(core::Cap::full_untyped(p, bits, device))) return false;
        bi_.untypedList[count_++] = {paddr, static_cast<seL4_Uint8>(bits), static_cast<seL4_Uint8>(device), {}};
        return true;
    }

    RootCNode& cn_;
    seL4_BootInfo& bi_;
    word count_ = 0;
    word dropped_ = 0;
};

bool provide_device_untypeds(UntypedList& list, const BootMemory& kernel_owned) {
    word start = 0;
    for (unsigned i = 0; i < kernel_owned.count(); i++) {
        const PhysRange& r = kernel_owned.range(i);
        if (start < r.start && !list.provide(start, r.start, true)) return false;
        start = r.end;
    }
    return start >= arch::device_memory_top || list.provide(start, arch::device_memory_top, true);
}

// MCS's BootInfo has the region of the SchedControl caps; the classic layout has no such field.
template <typename Info>
void set_schedcontrol(Info& bi, const seL4_SlotRegion& region) {
    if constexpr (requires { bi.schedcontrol; }) bi.schedcontrol = region;
}

}  // namespace

seL4_SlotRegion provide_untyped_caps(RootCNode& cn, const BootMemory& kernel_owned, const BootMemory& mem,
                                     seL4_BootInfo& bi) {
    word start_slot = cn.next_free();
    UntypedList list(cn, bi);
    if (!provide_device_untypeds(list, kernel_owned)) return cn.region_since(start_slot);
    for (unsigned i = 0; i < mem.count(); i++) {
        if (!list.provide(mem.range(i).start, mem.range(i).end, false)) break;
    }
    return cn.region_since(start_slot);
}

void populate_bootinfo(seL4_BootInfo& bi, const RootTaskLayout& layout, const BootInfoRegions& regions) {
    bi.extraLen = layout.extra_bootinfo_size;
    bi.nodeID = initial_node_id;
    bi.numNodes = num_nodes;
    bi.numIOPTLevels = static_cast<seL4_Word>(-1);  // no IOMMU: seL4 writes -1
    bi.ipcBuffer = reinterpret_cast<seL4_IPCBuffer*>(layout.ipc_buffer);
    bi.empty = regions.empty;
    bi.sharedFrames = {0, 0};
    bi.userImageFrames = regions.user_image_frames;
    bi.userImagePaging = regions.user_image_paging;
    bi.ioSpaceCaps = {0, 0};
    bi.extraBIPages = regions.extra_bi_pages;
    bi.initThreadCNodeSizeBits = config::root_cnode_size_bits;
    bi.initThreadDomain = 0;
    set_schedcontrol(bi, regions.schedcontrol);
    bi.untyped = regions.untyped;
}

}  // namespace boot
