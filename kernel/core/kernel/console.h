// Kernel console output: printf to the debug serial port chosen at boot.
#pragma once
#include "lib/format.h"

namespace core {
void kputc(char c);
void kprintf(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
}  // namespace core
