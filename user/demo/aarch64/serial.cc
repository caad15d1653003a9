// The demo's serial driver on aarch64: QEMU virt's PL011 at 0x9000000 (the one the kernel prints
// on, which seL4 leaves to users too), its registers a device frame retyped from the device
// untyped that starts there and mapped into this address space.
#include "device_page.h"
#include "serial.h"

namespace {
constexpr seL4_Word uart_paddr = 0x9000000;
constexpr seL4_Word uart_vaddr = 0x9000000;  // mapped where it lies, far from the program
constexpr seL4_Word data = 0, flags = 0x18 / 4, transmit_full = 1 << 5;  // UARTDR, UARTFR.TXFF
volatile seL4_Uint32* const uart = reinterpret_cast<volatile seL4_Uint32*>(uart_vaddr);
}  // namespace

const char demo_serial_owner[] = "the UART's registers (a frame cap from device untyped memory)";

bool demo_serial_init(seL4_BootInfo* bi) {
    return demo_map_device_page(bi, uart_paddr, uart_vaddr, seL4_ARM_SmallPageObject);
}

void demo_serial_put(unsigned char c) {
    while (uart[flags] & transmit_full) {
    }
    uart[data] = c;
}
