// The root task's seL4_BootInfo frame and its untyped caps.
#include "boot/bootinfo.h"
#include "arch/vspace.h"
#include "kernel/console.h"

namespace boot {
namespace {

constexpr unsigned min_untyped_bits = 4;
constexpr unsigned max_untyped_bits = 47;

unsigned floor_log2(word x) { return 63 - static_cast<unsigned>(__builtin_clzl(x)); }

// The largest block starting at `start` that is aligned to its size and fits before `end`.
unsigned block_bits(word start, word end) {
    unsigned bits = floor_log2(end - start);
    if (bits > max_untyped_bits) bits = max_untyped_bits;
    if (start != 0 && static_cast<unsigned>(__builtin_ctzl(start)) < bits) bits = static_cast<unsigned>(__builtin_ctzl(start));
    return bits;
}

bool provide_untyped(RootCNode& cn, seL4_BootInfo& bi, word& count, word paddr, unsigned bits) {
    if (count >= CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS ||
        !cn.provide(core::Cap::untyped(arch::phys_to_ptr(paddr), bits, false, 0))) {
        core::kprintf("Kernel init: Too many untyped regions for boot info\n");
        return false;
    }
    bi.untypedList[count++] = {paddr, static_cast<seL4_Uint8>(bits), 0, {}};
    return true;
}

}  // namespace

seL4_SlotRegion provide_untyped_caps(RootCNode& cn, BootMemory& mem, seL4_BootInfo& bi) {
    word start_slot = cn.next_free();
    word count = 0;
    for (unsigned i = 0; i < mem.count(); i++) {
        PhysRange r = mem.range(i);
        while (r.start < r.end) {
            unsigned bits = block_bits(r.start, r.end);
            if (bits >= min_untyped_bits && !provide_untyped(cn, bi, count, r.start, bits)) return cn.region_since(start_slot);
            r.start += bit(bits);
        }
    }
    return cn.region_since(start_slot);
}

void populate_bootinfo(seL4_BootInfo& bi, const RootTaskLayout& layout, const BootInfoRegions& regions) {
    bi.extraLen = layout.extra_bootinfo_size;
    bi.nodeID = initial_node_id;
    bi.numNodes = num_nodes;
    bi.numIOPTLevels = 0;
    bi.ipcBuffer = reinterpret_cast<seL4_IPCBuffer*>(layout.ipc_buffer);
    bi.empty = regions.empty;
    bi.sharedFrames = {0, 0};
    bi.userImageFrames = regions.user_image_frames;
    bi.userImagePaging = regions.user_image_paging;
    bi.ioSpaceCaps = {0, 0};
    bi.extraBIPages = regions.extra_bi_pages;
    bi.initThreadCNodeSizeBits = CONFIG_ROOT_CNODE_SIZE_BITS;
    bi.initThreadDomain = 0;
    bi.untyped = regions.untyped;
}

}  // namespace boot
