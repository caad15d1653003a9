// A root task that takes one kind of fault straight away (chosen at build time), for the boot
// scenarios that check how the kernel reports a fault with no handler.
#include <keel/runtime.h>
#include "fault_kinds.h"  // the architecture's ways of faulting: tests/<arch>/fault_kinds.h

int main(seL4_BootInfo*) {
    keel_printf("faulter: about to fault\n");
    take_fault();
    keel_printf("faulter: still running after the fault\n");
    return 0;
}
