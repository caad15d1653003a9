// The aarch64 fallback console: none. The runtime prints through seL4_DebugPutChar only (a kernel
// without KernelPrinting leaves the program silent); QEMU virt's PL011 at 0x9000000 would need a
// device frame mapped, which can come once a user-mode driver is worth it.
#include "../../arch_layer.h"

keel::arch::PutChar keel::arch::fallback_console() { return nullptr; }
