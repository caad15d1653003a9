// Program start-up: thread-local storage through the thread pointer, the IPC buffer, then main.
// The root task starts with its BootInfo in its first argument register; a child started by
// keel_spawn_elf has its IPC buffer there, KEEL_CHILD_MAGIC in the second and its argument in the
// third (crt0 passes them on as keel_runtime_start's arguments).
#include <keel/alloc.h>
#include <keel/arch.h>
#include <keel/ipc.h>
#include <keel/process.h>
#include <keel/runtime.h>

namespace {
seL4_BootInfo* boot_info;
seL4_Word child_arg;
alignas(64) unsigned char initial_tls[4096];
}  // namespace

// libsel4's per-thread IPC buffer pointer (upstream name and type).
extern "C" {
__thread seL4_IPCBuffer* __sel4_ipc_buffer;
#ifdef CONFIG_KERNEL_MCS
__thread seL4_CPtr keel_thread_reply;  // keel/ipc.h
#endif
}

namespace {
// With MCS, the initial thread's reply object (keel/ipc.h): the root task makes its own, a child
// finds the one keel_spawn_elf made for it in its IPC buffer's userData.
void init_thread_reply([[maybe_unused]] seL4_IPCBuffer* child_buffer) {
#ifdef CONFIG_KERNEL_MCS
    if (child_buffer) {
        keel_thread_reply = child_buffer->userData;
    } else {
        keel_new_reply(&keel_thread_reply);
    }
#endif
}
}  // namespace

extern "C" seL4_BootInfo* keel_bootinfo(void) { return boot_info; }
extern "C" seL4_Word keel_child_arg(void) { return child_arg; }

namespace {
// Everything after the thread pointer is set, in a function of its own: the compiler may read the
// thread pointer once per function (on aarch64 TPIDR_EL0 reads as a constant), so no thread-local
// access here may reuse one read before it changed.
[[noreturn, gnu::noinline]] void run_program(bool child, seL4_Word arg0, bool has_tls) {
    if (has_tls) seL4_SetIPCBuffer(child ? reinterpret_cast<seL4_IPCBuffer*>(arg0) : boot_info->ipcBuffer);
    if (child) {
        init_thread_reply(reinterpret_cast<seL4_IPCBuffer*>(arg0));
    } else {
        keel_alloc_init(boot_info);
        init_thread_reply(nullptr);
        keel_console_init();
    }
    int status = main(boot_info);
    keel_printf("main returned %d\n", status);
    // A release kernel has no DebugHalt: the program just stops.
    for (;;) {
        if (keel_kernel_is_debug()) {
            seL4_DebugHalt();
        } else {
            seL4_TCB_Suspend(seL4_CapInitThreadTCB);
        }
    }
}
}  // namespace

extern "C" [[noreturn]] void keel_runtime_start(seL4_Word arg0, seL4_Word arg1, seL4_Word arg2) {
    bool child = arg1 == KEEL_CHILD_MAGIC;
    if (child) {
        child_arg = arg2;
    } else {
        boot_info = reinterpret_cast<seL4_BootInfo*>(arg0);
    }
    bool has_tls = keel_tls_size() <= sizeof(initial_tls) && keel_tls_align() <= 64;
    if (has_tls) {
        keel_set_thread_pointer(keel_tls_init(initial_tls));
    } else {
        keel_printf("runtime: TLS template too large for the initial thread\n");
    }
    run_program(child, arg0, has_tls);
}
