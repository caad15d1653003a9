// Freestanding memory and string helpers (the compiler may also call memcpy/memset itself).
#pragma once
#include "types.h"

// memcpy, memset, memmove, memcmp and strlen come from the arch (rep-string code on x86_64) or the
// host C library; they are declared here with their standard signatures.
extern "C" {
void* memcpy(void* dst, const void* src, usize n);
void* memmove(void* dst, const void* src, usize n);
void* memset(void* dst, int value, usize n);
int memcmp(const void* a, const void* b, usize n);
usize strlen(const char* s);
}

namespace lib {
// True when `text` starts with `prefix`.
bool starts_with(const char* text, const char* prefix);
// Parses an unsigned number in decimal or 0x-hex; stops at the first non-digit. False if no digit.
bool parse_word(const char* text, word& out, const char** end = nullptr);
// True when the space-separated `list` (a command line; nullptr for none) holds the word `wanted`.
bool has_word(const char* list, const char* wanted);
}  // namespace lib
