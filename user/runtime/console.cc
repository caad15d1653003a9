// The program's console: the kernel's debug console when the kernel has seL4_DebugPutChar (a
// seL4 kernel built with KernelPrinting), or else COM1, driven from user mode through an IOPort
// cap, so that the same program prints on a release kernel too.
#include <keel/alloc.h>
#include <keel/process.h>
#include <keel/runtime.h>
#include "lib/format.h"

namespace {

constexpr seL4_Word com1 = 0x3f8;
constexpr seL4_Word uart_data = 0, uart_interrupts = 1, uart_fifo = 2, uart_line_control = 3,
                    uart_modem_control = 4, uart_line_status = 5;
constexpr seL4_Word line_status_transmit_empty = 0x20;

seL4_CPtr uart_ports;  // an IOPort cap to COM1's eight ports, once the kernel is found not to print

void kernel_put(lib::Sink&, char c) { seL4_DebugPutChar(c); }

void uart_put(lib::Sink&, char c) {
    while (!(seL4_X86_IOPort_In8(uart_ports, com1 + uart_line_status).result & line_status_transmit_empty)) {
    }
    seL4_X86_IOPort_Out8(uart_ports, com1 + uart_data, static_cast<seL4_Word>(c));
}

// 115200 baud (divisor 1), 8 data bits, no parity, one stop bit, FIFOs on, no interrupts.
bool take_uart() {
    seL4_CPtr slot = keel_alloc_slot();
    if (!slot || seL4_X86_IOPortControl_Issue(seL4_CapIOPortControl, com1, com1 + 7, seL4_CapInitThreadCNode, slot,
                                              seL4_WordBits) != seL4_NoError) {
        return false;
    }
    uart_ports = slot;
    constexpr struct { seL4_Word reg, value; } setup[] = {
        {uart_interrupts, 0}, {uart_line_control, 0x80}, {uart_data, 1}, {uart_interrupts, 0},
        {uart_line_control, 0x03}, {uart_fifo, 0x07}, {uart_modem_control, 0x03}};
    for (auto [reg, value] : setup) seL4_X86_IOPort_Out8(uart_ports, com1 + reg, value);
    return true;
}

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
        answer = seL4_MessageInfo_get_label(seL4_Recv(probe_reply, nullptr)) == 0 ? Answer::yes : Answer::no;
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

// On a kernel that prints, its console; otherwise COM1 from user mode, or nothing if even that
// cannot be had. The debug calls (DebugHalt) are a separate question: seL4 can print without them.
extern "C" void keel_console_init(void) {
    kernel_debug = kernel_has(identify_null_cap) != Answer::no;
    if (kernel_has(print_newline) == Answer::yes) return;
    console = lib::Sink{take_uart() ? uart_put : discard};
}

extern "C" int keel_kernel_is_debug(void) { return kernel_debug; }

extern "C" void keel_printf(const char* fmt, ...) {
    lib::VaList args;
    __builtin_va_start(args, fmt);
    lib::vformat(console, fmt, args);
    __builtin_va_end(args);
}
