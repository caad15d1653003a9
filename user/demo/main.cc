// The default Keel system: a root task that shows what the kernel handed it at boot.
#include <keel/runtime.h>

namespace {

void show_region(const char* name, seL4_SlotRegion r) {
    keel_printf("  %s slots [%lu, %lu)\n", name, r.start, r.end);
}

}  // namespace

int main(seL4_BootInfo* bi) {
    keel_printf("\nHello from the Keel root task (user mode, ring 3).\n");
    keel_printf("The kernel loaded this program, gave it an address space and a BootInfo frame:\n");
    keel_printf("  BootInfo frame      %p\n", static_cast<void*>(bi));
    keel_printf("  IPC buffer          %p\n", static_cast<void*>(bi->ipcBuffer));
    keel_printf("  node                %lu of %lu\n", bi->nodeID, bi->numNodes);
    keel_printf("  root CNode          2^%lu slots\n", bi->initThreadCNodeSizeBits);
    keel_printf("  domain              %lu\n", bi->initThreadDomain);
    keel_printf("  IOMMU levels        %lu\n", bi->numIOPTLevels);
    keel_printf("  extra bootinfo      %lu bytes\n", bi->extraLen);
    show_region("empty            ", bi->empty);
    show_region("userImageFrames  ", bi->userImageFrames);
    show_region("userImagePaging  ", bi->userImagePaging);
    show_region("untyped          ", bi->untyped);
    keel_printf("Capabilities, IPC and untyped memory arrive with the next kernel issues.\n");
    keel_printf("Keel demo finished: asking the kernel to halt.\n");
    return 0;
}
