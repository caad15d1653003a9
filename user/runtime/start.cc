// Root-task start-up: thread-local storage through the FS base, then main.
#include <keel/runtime.h>

namespace {
seL4_BootInfo* boot_info;
alignas(64) unsigned char initial_tls[4096];
}  // namespace

// libsel4's per-thread IPC buffer pointer (upstream name and type).
extern "C" {
__thread seL4_IPCBuffer* __sel4_ipc_buffer;
}

extern "C" seL4_BootInfo* keel_bootinfo(void) { return boot_info; }

extern "C" [[noreturn]] void keel_runtime_start(seL4_BootInfo* bi) {
    boot_info = bi;
    if (keel_tls_size() <= sizeof(initial_tls) && keel_tls_align() <= 64) {
        seL4_SetTLSBase(keel_tls_init(initial_tls));
        seL4_SetIPCBuffer(bi->ipcBuffer);
    } else {
        keel_printf("runtime: TLS template too large for the initial thread\n");
    }
    int status = main(bi);
    keel_printf("main returned %d\n", status);
    for (;;) seL4_DebugHalt();
}
