// The program's console: the kernel's debug console when the kernel has seL4_DebugPutChar (a
// seL4 kernel built with KernelPrinting), or else the architecture's fallback (x86_64: COM1 from
// user mode), so that the same program prints on a release kernel too.
#include <keel/alloc.h>
#include <keel/ipc.h>
#include <keel/process.h>
#include <keel/runtime.h>
#include "arch_layer.h"
#include "lib/format.h"

namespace {

void kernel_put(lib::Sink&, char c) { seL4_DebugPutChar(c); }

// What the kernel offers, asked before main by a probe: a thread of the root task, with no IPC
// buffer, whose fault handler is the root task. It makes one system call and reports back with an
// empty message (label 0); if the kernel lacks the call, its unknown-syscall fault message (label
// seL4_Fault_UnknownSyscall) arrives instead.
enum class Answer { yes, no, unknown };

seL4_CPtr probe_reply;
void (*probe_call)();
alignas(16) unsigned char probe_stack[4096];
constexpr unsigned long probe_tls_align = 64;
alignas(probe_tls_align) unsigned char probe_tls[512];

void probe() {
    probe_call();
    seL4_Signal(probe_reply);  // on an endpoint: a Send of an empty message, from registers only
    for (;;) seL4_Yield();     // until the root task deletes it
}

Answer kernel_has(void (*call)()) {
    seL4_CPtr tcb = keel_alloc_object(seL4_TCBObject, 0);
    probe_reply = keel_alloc_object(seL4_EndpointObject, 0);
    probe_call = call;
    if (!tcb || !probe_reply || keel_tls_size() > sizeof(probe_tls) || keel_tls_align() > probe_tls_align) {
        return Answer::unknown;
    }
    Answer answer = Answer::unknown;
    if (keel_start_thread(tcb, probe, probe_stack + sizeof(probe_stack), probe_tls, nullptr, seL4_CapNull,
                          seL4_MaxPrio, probe_reply, seL4_CapInitThreadVSpace) == seL4_NoError) {
        answer = seL4_MessageInfo_get_label(keel_recv(probe_reply, nullptr)) == 0 ? Answer::yes : Answer::no;
    }
    seL4_CNode_Delete(seL4_CapInitThreadCNode, tcb, seL4_WordBits);
    seL4_CNode_Delete(seL4_CapInitThreadCNode, probe_reply, seL4_WordBits);
    return answer;
}

void identify_null_cap() { seL4_DebugCapIdentify(seL4_CapNull); }  // a debug build's call, silent
void print_newline() { seL4_DebugPutChar('\n'); }                  // KernelPrinting's call

void discard(lib::Sink&, char) {}

lib::Sink console{kernel_put};
int kernel_debug = 1;  // a child of the root task, which probes nothing, assumes a debug kernel

}  // namespace

// On a kernel that prints, its console; otherwise the architecture's fallback, or nothing if even
// that cannot be had. The debug calls (DebugHalt) are a separate question: seL4 can print without them.
extern "C" void keel_console_init(void) {
    kernel_debug = kernel_has(identify_null_cap) != Answer::no;
    if (kernel_has(print_newline) == Answer::yes) return;
    keel::arch::PutChar fallback = keel::arch::fallback_console();
    console = lib::Sink{fallback ? fallback : discard};
}

extern "C" int keel_kernel_is_debug(void) { return kernel_debug; }

extern "C" void keel_printf(const char* fmt, ...) {
    lib::VaList args;
    __builtin_va_start(args, fmt);
    lib::vformat(console, fmt, args);
    __builtin_va_end(args);
}
