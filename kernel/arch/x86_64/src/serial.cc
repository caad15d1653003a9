// 16550 UART console on an I/O port (COM1 = 0x3f8 unless console_port= says otherwise).
#include "arch/console.h"
#include "arch/cpu.h"

namespace arch {
namespace {
u16 console_port = 0;

enum : u16 { data = 0, interrupt_enable = 1, fifo_control = 2, line_control = 3, modem_control = 4, line_status = 5 };
constexpr u8 line_status_transmit_empty = 0x20;
}  // namespace

void console_init(u16 port) {
    console_port = port;
    if (!port) return;
    cpu::outb(port + interrupt_enable, 0x00);
    cpu::outb(port + line_control, 0x80);  // divisor latch access
    cpu::outb(port + data, 0x01);          // 115200 baud
    cpu::outb(port + interrupt_enable, 0x00);
    cpu::outb(port + line_control, 0x03);  // 8 bits, no parity, one stop bit
    cpu::outb(port + fifo_control, 0xc7);
    cpu::outb(port + modem_control, 0x0b);
}

void console_putc(char c) {
    if (!console_port) return;
    while (!(cpu::inb(console_port + line_status) & line_status_transmit_empty)) {
    }
    cpu::outb(console_port + data, static_cast<u8>(c));
}

}  // namespace arch
