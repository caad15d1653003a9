// The kernel's debug console: the SBI console.
#pragma once

namespace arch {
void console_putc(char c);
}  // namespace arch
