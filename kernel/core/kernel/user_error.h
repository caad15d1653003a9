// seL4's userError: a debug kernel says on its console why it refused what a thread asked.
#pragma once
#include "arch/calling.h"
#include "generated/config.h"
#include "kernel/errors.h"

namespace core {

// Compiled in only when the kernel prints and is a debug build; otherwise every call is empty and
// its arguments are never computed, so a release or benchmark kernel pays nothing.
constexpr bool user_errors = config::printing && config::debug_build;

// A diagnostic's format and where it is written. seL4 prints its own C function name and line
// (__func__, __LINE__); Keel prints the Keel function and line that raise the error.
struct UserErrorFormat {
    const char* text;
    const char* function;
    unsigned line;
    constexpr UserErrorFormat(const char* t, const char* f = __builtin_FUNCTION(), unsigned l = __builtin_LINE())
        : text(t), function(f), line(l) {}
};

// `<<seL4(CPU 0) [function/line T<tcb> "<name>" @<restart ip>]: message>>` and a newline. Cold,
// so the paths that print are laid out away from those that succeed; and it keeps every register
// (preserve_most), so a caller keeps no register of its own across it and the succeeding path of
// an invocation gains no spill or push for the diagnostics it does not print.
[[gnu::cold, ARCH_PRESERVE_MOST]] void print_user_error(const char* function, unsigned line, const char* fmt,
                                                          ...);

// Prints the diagnostic (printf-style, seL4's wording and values) when user_errors is on.
template <typename... Args>
inline void user_error(UserErrorFormat f, Args... args) {
    if constexpr (user_errors) print_user_error(f.function, f.line, f.text, args...);
}

// The diagnostic, then the error it explains: `return user_fail(error, "why %lu", value);`.
template <typename... Args>
inline lib::Err<SyscallError> user_fail(SyscallError e, UserErrorFormat f, Args... args) {
    user_error(f, args...);
    return fail(e);
}

}  // namespace core
