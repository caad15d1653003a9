// The PL011 UART as the kernel's debug console (Arm PrimeCell UART PL011 TRM: UARTDR, UARTFR).
// QEMU's model needs no set-up; the firmware or QEMU leaves it enabled.
#include "arch/console.h"
#include "arch/kernel_devices.h"

namespace arch {
namespace {

constexpr unsigned data_register = 0x000 / 4, flag_register = 0x018 / 4, mask_register = 0x038 / 4,
                   clear_register = 0x044 / 4;
constexpr u32 transmit_fifo_full = bit(5), transmit_interrupt = bit(5);

constinit volatile u32* uart = nullptr;

}  // namespace

void init_console(word paddr) {
    volatile u32* page = map_kernel_device(round_down(paddr, 12), 1);
    if (page) uart = page + (paddr & mask(12)) / 4;
}

void set_transmit_interrupt(bool enabled) {
    if (!uart) return;
    uart[mask_register] = enabled ? transmit_interrupt : 0;
    if (!enabled) uart[clear_register] = transmit_interrupt;
}

void console_putc(char c) {
    if (!uart) return;
    while (uart[flag_register] & transmit_fifo_full) {
    }
    uart[data_register] = static_cast<u8>(c);
}

}  // namespace arch
