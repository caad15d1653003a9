// The kernel's debug serial console (a 16550 UART on an I/O port).
#pragma once
#include "lib/types.h"

namespace arch {
void console_init(u16 port);
void console_putc(char c);
}  // namespace arch
