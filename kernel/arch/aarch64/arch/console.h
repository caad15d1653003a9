// The kernel's debug console: the PL011 UART the device tree names.
#pragma once
#include "lib/types.h"

namespace arch {
// Maps the UART's registers at physical `paddr`; until then output is dropped.
void init_console(word paddr);
void console_putc(char c);
// The UART's transmit interrupt (UARTIMSC.TXIM), which QEMU's PL011 raises once a character has
// gone out, on or off; off also clears it (UARTICR).
void set_transmit_interrupt(bool enabled);
}  // namespace arch
