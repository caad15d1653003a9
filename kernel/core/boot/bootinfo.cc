// Filling in the root task's seL4_BootInfo frame.
#include "boot/bootinfo.h"

namespace boot {

void populate_bootinfo(seL4_BootInfo& bi, const RootTaskLayout& layout) {
    bi.extraLen = 0;
    bi.nodeID = initial_node_id;
    bi.numNodes = num_nodes;
    bi.numIOPTLevels = 0;
    bi.ipcBuffer = reinterpret_cast<seL4_IPCBuffer*>(layout.ipc_buffer);
    bi.initThreadCNodeSizeBits = CONFIG_ROOT_CNODE_SIZE_BITS;
    bi.initThreadDomain = 0;
}

}  // namespace boot
