// Freestanding string helpers shared by the kernel and its host build.
#include "string.h"

namespace lib {
bool starts_with(const char* text, const char* prefix) {
    while (*prefix) {
        if (*text++ != *prefix++) return false;
    }
    return true;
}

static int digit_value(char c, unsigned base) {
    int v = -1;
    if (c >= '0' && c <= '9') v = c - '0';
    if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
    if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
    return v < static_cast<int>(base) ? v : -1;
}

bool parse_word(const char* text, word& out, const char** end) {
    unsigned base = 10;
    if (text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        base = 16;
        text += 2;
    }
    word value = 0;
    bool any = false;
    for (int d; (d = digit_value(*text, base)) >= 0; text++) {
        value = value * base + static_cast<word>(d);
        any = true;
    }
    if (end) *end = text;
    out = value;
    return any;
}

bool has_word(const char* list, const char* wanted) {
    usize n = strlen(wanted);
    for (const char* p = list; p && *p;) {
        while (*p == ' ') p++;
        const char* end = p;
        while (*end && *end != ' ') end++;
        if (static_cast<usize>(end - p) == n && memcmp(p, wanted, n) == 0) return true;
        p = end;
    }
    return false;
}
}  // namespace lib
