// printf-style formatting into any character sink (kernel console, buffers, host tests).
#pragma once
#include "types.h"

namespace lib {

using VaList = __builtin_va_list;

// Something that accepts characters one at a time.
struct Sink {
    void (*put)(Sink& self, char c);
};

// Supports %c %s %d %i %u %x %X %p %% with optional '0' flag, width and 'l'/'z' length.
void vformat(Sink& sink, const char* fmt, VaList args);
void format(Sink& sink, const char* fmt, ...) __attribute__((format(printf, 2, 3)));

// A sink writing into a fixed buffer, always NUL-terminated, truncating silently.
struct BufferSink : Sink {
    char* buffer;
    usize capacity;
    usize length = 0;
    BufferSink(char* buf, usize cap);
};

}  // namespace lib
