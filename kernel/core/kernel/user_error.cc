// The shape of seL4's userError line, around a message in the caller's words.
#include "kernel/user_error.h"
#include "arch/context.h"
#include "kernel/console.h"
#include "kernel/thread.h"

namespace core {
namespace {
// seL4's KernelColourPrinting (on by default there): the line in ANSI bold and green. Off here, so
// logs and the tests' expectations stay plain text; turn it on for seL4's coloured line.
constexpr bool colour_printing = false;
constexpr const char* reset = colour_printing ? "\033[0m" : "";
constexpr const char* bold = colour_printing ? "\033[0m\033[1m" : "";
constexpr const char* green = colour_printing ? "\033[0m\033[32m" : "";

void console_put(lib::Sink&, char c) { kputc(c); }

void print_prefix(const char* function, unsigned line) {
    const Tcb* t = current_thread();
    kprintf("%s<<%sseL4(CPU %lu)%s [%s/%u T%p \"%s\" @%lx]: ", bold, green, word{0}, bold, function, line,
            static_cast<const void*>(t), t ? t->name : "", t ? arch::restart_pc(t->context) : word{0});
}
}  // namespace

void print_user_error(const char* function, unsigned line, const char* fmt, ...) {
    if constexpr (!user_errors) return;  // nothing of this, its strings included, in such a kernel
    print_prefix(function, line);
    lib::Sink sink{console_put};
    lib::VaList args;
    __builtin_va_start(args, fmt);
    lib::vformat(sink, fmt, args);
    __builtin_va_end(args);
    kprintf(">>%s\n", reset);
}

}  // namespace core
