// The debug console writes through the SBI, which owns the UART.
#include "arch/console.h"
#include "arch/sbi.h"

namespace arch {
void console_putc(char c) { sbi::console_putchar(c); }
}  // namespace arch
