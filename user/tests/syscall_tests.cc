// SYSCALL: the system call path itself, what every architecture shares (TLS base, debug calls);
// x86_64/syscall_tests.cc has the register convention.
#include <keel/arch.h>
#include "cspace_helpers.h"

namespace {

__thread unsigned long tls_probe = 0x7157;

// The compiler may keep a thread-local address across a call within one function (the thread
// pointer is constant for a thread), so every access after a change of TLS base is a fresh call.
[[gnu::noinline]] unsigned long read_probe() { return tls_probe; }
[[gnu::noinline]] void write_probe(unsigned long v) { tls_probe = v; }
}  // namespace

KEEL_TEST(SYSCALL0003, "seL4_SetTLSBase moves the thread pointer: thread-local variables follow it") {
    KEEL_CHECK_EQ(read_probe(), 0x7157);
    seL4_Word original_tp = keel_thread_pointer();
    alignas(64) static unsigned char other[4096];
    KEEL_CHECK(keel_tls_size() <= sizeof(other));
    seL4_Word other_tp = keel_tls_init(other);
    seL4_SetTLSBase(other_tp);
    KEEL_CHECK_EQ(keel_thread_pointer(), other_tp);
    KEEL_CHECK_EQ(read_probe(), 0x7157);  // a fresh copy of the template
    write_probe(1);
    KEEL_CHECK_EQ(read_probe(), 1);
    seL4_SetTLSBase(original_tp);
    KEEL_CHECK_EQ(read_probe(), 0x7157);  // the original block was untouched
}

KEEL_TEST(SYSCALL0004, "the IPC buffer pointer in TLS is the one BootInfo names") {
    KEEL_CHECK_EQ(__sel4_ipc_buffer, keel_bootinfo()->ipcBuffer);
}

KEEL_TEST(SYSCALL0007, "DebugNameThread, DebugDumpScheduler's table and DebugSnapshot's capDL (the runner checks the output)") {
    seL4_CPtr t = keel::alloc_object(seL4_TCBObject, 0);
    KEEL_CHECK(t != 0);
    seL4_DebugNameThread(t, "keel-test-worker");
    seL4_DebugDumpScheduler();
    seL4_DebugSnapshot();  // the thread appears as an object; the caller goes on
    KEEL_CHECK_EQ(seL4_DebugCapIdentify(t), keel::tag_thread);
}
