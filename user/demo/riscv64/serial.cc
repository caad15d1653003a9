// The demo's serial driver on riscv64: QEMU virt's 16550 UART at 0x10000000, its registers a
// device frame retyped from the device untyped that covers them and mapped into this address space.
#include "device_page.h"
#include "serial.h"

namespace {
constexpr seL4_Word uart_paddr = 0x10000000;
constexpr seL4_Word uart_vaddr = 0x10000000;  // mapped where it lies, far from the program
constexpr seL4_Word line_status = 5, transmit_empty = 0x20;
volatile unsigned char* const uart = reinterpret_cast<volatile unsigned char*>(uart_vaddr);
}  // namespace

const char demo_serial_owner[] = "the UART's registers (a frame cap from device untyped memory)";

bool demo_serial_init(seL4_BootInfo* bi) {
    return demo_map_device_page(bi, uart_paddr, uart_vaddr, seL4_RISCV_4K_Page);
}

void demo_serial_put(unsigned char c) {
    while (!(uart[line_status] & transmit_empty)) {
    }
    uart[0] = c;
}
