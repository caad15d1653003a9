// printf to the kernel's debug console.
#include <keel/runtime.h>
#include "lib/format.h"

namespace {
void debug_put(lib::Sink&, char c) { seL4_DebugPutChar(c); }
}  // namespace

extern "C" void keel_printf(const char* fmt, ...) {
    lib::Sink sink{debug_put};
    lib::VaList args;
    __builtin_va_start(args, fmt);
    lib::vformat(sink, fmt, args);
    __builtin_va_end(args);
}
