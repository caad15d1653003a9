// The x86_64 fallback console: COM1, driven from user mode through an IOPort cap.
#include <keel/alloc.h>
#include "../../arch_layer.h"

namespace {

constexpr seL4_Word com1 = 0x3f8;
constexpr seL4_Word uart_data = 0, uart_interrupts = 1, uart_fifo = 2, uart_line_control = 3,
                    uart_modem_control = 4, uart_line_status = 5;
constexpr seL4_Word line_status_transmit_empty = 0x20;

seL4_CPtr uart_ports;  // an IOPort cap to COM1's eight ports

void uart_put(lib::Sink&, char c) {
    while (!(seL4_X86_IOPort_In8(uart_ports, com1 + uart_line_status).result & line_status_transmit_empty)) {
    }
    seL4_X86_IOPort_Out8(uart_ports, com1 + uart_data, static_cast<seL4_Word>(c));
}

}  // namespace

// 115200 baud (divisor 1), 8 data bits, no parity, one stop bit, FIFOs on, no interrupts.
keel::arch::PutChar keel::arch::fallback_console() {
    seL4_CPtr slot = keel_alloc_slot();
    if (!slot || seL4_X86_IOPortControl_Issue(seL4_CapIOPortControl, com1, com1 + 7, seL4_CapInitThreadCNode, slot,
                                              seL4_WordBits) != seL4_NoError) {
        return nullptr;
    }
    uart_ports = slot;
    constexpr struct { seL4_Word reg, value; } setup[] = {
        {uart_interrupts, 0}, {uart_line_control, 0x80}, {uart_data, 1}, {uart_interrupts, 0},
        {uart_line_control, 0x03}, {uart_fifo, 0x07}, {uart_modem_control, 0x03}};
    for (auto [reg, value] : setup) seL4_X86_IOPort_Out8(uart_ports, com1 + reg, value);
    return uart_put;
}
