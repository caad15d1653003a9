// printf-style formatting into a character sink.
#include "format.h"

namespace lib {
namespace {

struct Spec {
    bool zero_pad = false;
    unsigned width = 0;
};

void put_string(Sink& sink, const char* s, Spec spec) {
    unsigned len = 0;
    while (s[len]) len++;
    for (unsigned i = len; i < spec.width; i++) sink.put(sink, ' ');
    while (*s) sink.put(sink, *s++);
}

void put_number(Sink& sink, word value, unsigned base, bool negative, bool upper, Spec spec) {
    const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[24];
    unsigned n = 0;
    do {
        tmp[n++] = digits[value % base];
        value /= base;
    } while (value);
    unsigned total = n + (negative ? 1 : 0);
    if (negative && spec.zero_pad) sink.put(sink, '-');
    for (unsigned i = total; i < spec.width; i++) sink.put(sink, spec.zero_pad ? '0' : ' ');
    if (negative && !spec.zero_pad) sink.put(sink, '-');
    while (n) sink.put(sink, tmp[--n]);
}

// As seL4's printf has it: "0x" and the hex digits, and a null pointer as a bare "0".
void put_pointer(Sink& sink, word value, Spec spec) {
    if (value) put_string(sink, "0x", {});
    put_number(sink, value, 16, false, false, spec);
}

const char* parse_spec(const char* fmt, Spec& spec, bool& is_long) {
    if (*fmt == '0') {
        spec.zero_pad = true;
        fmt++;
    }
    while (*fmt >= '0' && *fmt <= '9') spec.width = spec.width * 10 + static_cast<unsigned>(*fmt++ - '0');
    while (*fmt == 'l' || *fmt == 'z') {
        is_long = true;
        fmt++;
    }
    return fmt;
}

word next_unsigned(VaList& args, bool is_long) {
    return is_long ? __builtin_va_arg(args, word) : __builtin_va_arg(args, unsigned);
}

sword next_signed(VaList& args, bool is_long) {
    return is_long ? __builtin_va_arg(args, sword) : __builtin_va_arg(args, int);
}

void format_one(Sink& sink, char conv, Spec spec, bool is_long, VaList& args) {
    switch (conv) {
    case 'c': sink.put(sink, static_cast<char>(__builtin_va_arg(args, int))); break;
    case 's': {
        const char* s = __builtin_va_arg(args, const char*);
        put_string(sink, s ? s : "(null)", spec);
        break;
    }
    case 'd':
    case 'i': {
        sword v = next_signed(args, is_long);
        put_number(sink, v < 0 ? 0 - static_cast<word>(v) : static_cast<word>(v), 10, v < 0, false, spec);
        break;
    }
    case 'u': put_number(sink, next_unsigned(args, is_long), 10, false, false, spec); break;
    case 'x':
    case 'X': put_number(sink, next_unsigned(args, is_long), 16, false, conv == 'X', spec); break;
    case 'p': put_pointer(sink, reinterpret_cast<word>(__builtin_va_arg(args, void*)), spec); break;
    case '%': sink.put(sink, '%'); break;
    default:
        sink.put(sink, '%');
        sink.put(sink, conv);
        break;
    }
}

}  // namespace

void vformat(Sink& sink, const char* fmt, VaList caller_args) {
    VaList args;
    __builtin_va_copy(args, caller_args);
    while (*fmt) {
        if (*fmt != '%') {
            sink.put(sink, *fmt++);
            continue;
        }
        Spec spec;
        bool is_long = false;
        fmt = parse_spec(fmt + 1, spec, is_long);
        if (!*fmt) break;
        format_one(sink, *fmt++, spec, is_long, args);
    }
    __builtin_va_end(args);
}

void format(Sink& sink, const char* fmt, ...) {
    VaList args;
    __builtin_va_start(args, fmt);
    vformat(sink, fmt, args);
    __builtin_va_end(args);
}

static void buffer_put(Sink& self, char c) {
    auto& b = static_cast<BufferSink&>(self);
    if (b.length + 1 < b.capacity) b.buffer[b.length++] = c;
    b.buffer[b.length] = '\0';
}

BufferSink::BufferSink(char* buf, usize cap) : Sink{buffer_put}, buffer(buf), capacity(cap) {
    if (capacity) buffer[0] = '\0';
}

}  // namespace lib
