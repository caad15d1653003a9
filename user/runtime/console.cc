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

// The probe: a thread of the root task, with no IPC buffer, whose fault handler is the root task.
// It prints a newline through the kernel and reports back with an empty message (label 0); on a
// kernel without printing, seL4_DebugPutChar is an unknown system call and its fault message
// (label seL4_Fault_UnknownSyscall) arrives instead.
seL4_CPtr probe_reply;
alignas(16) unsigned char probe_stack[4096];
alignas(64) unsigned char probe_tls[512];

void probe() {
    seL4_DebugPutChar('\n');
    seL4_Signal(probe_reply);  // on an endpoint: a Send of an empty message, from registers only
    for (;;) seL4_Yield();     // until the root task deletes it
}

bool kernel_prints() {
    seL4_CPtr tcb = keel_alloc_object(seL4_TCBObject, 0);
    probe_reply = keel_alloc_object(seL4_EndpointObject, 0);
    if (!tcb || !probe_reply || keel_tls_size() > sizeof(probe_tls)) return true;
    bool prints = true;
    if (keel_start_thread(tcb, probe, probe_stack + sizeof(probe_stack), probe_tls, nullptr, seL4_CapNull,
                          seL4_MaxPrio, probe_reply, seL4_CapInitThreadVSpace) == seL4_NoError) {
        prints = seL4_MessageInfo_get_label(seL4_Recv(probe_reply, nullptr)) == 0;
    }
    seL4_CNode_Delete(seL4_CapInitThreadCNode, tcb, seL4_WordBits);
    seL4_CNode_Delete(seL4_CapInitThreadCNode, probe_reply, seL4_WordBits);
    return prints;
}

lib::Sink console{kernel_put};

}  // namespace

extern "C" int keel_console_init(void) {
    if (kernel_prints()) return 1;
    if (take_uart()) console = lib::Sink{uart_put};
    return 0;
}

extern "C" void keel_printf(const char* fmt, ...) {
    lib::VaList args;
    __builtin_va_start(args, fmt);
    lib::vformat(console, fmt, args);
    __builtin_va_end(args);
}
