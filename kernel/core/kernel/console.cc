// Kernel console output over the arch's debug serial port.
#include "kernel/console.h"
#include "arch/console.h"
#include "generated/config.h"

namespace core {
namespace {
void console_put(lib::Sink&, char c) { kputc(c); }
}  // namespace

void kputc(char c) {
    if (!config::printing) return;
    if (c == '\n') arch::console_putc('\r');
    arch::console_putc(c);
}

void kprintf(const char* fmt, ...) {
    lib::Sink sink{console_put};
    lib::VaList args;
    __builtin_va_start(args, fmt);
    lib::vformat(sink, fmt, args);
    __builtin_va_end(args);
}
}  // namespace core
