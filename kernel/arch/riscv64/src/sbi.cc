// SBI calls (RISC-V SBI specification v2.0): a7 = extension, a6 = function, a0.. = arguments;
// a0 = error, a1 = value on return. The legacy extensions (0x00-0x0f) are the fallback.
#include "arch/sbi.h"

namespace arch::sbi {
namespace {

enum Extension : u64 {
    legacy_set_timer = 0x00,
    legacy_console_putchar = 0x01,
    legacy_shutdown = 0x08,
    base = 0x10,
    timer = 0x54494d45,           // "TIME"
    system_reset = 0x53525354,    // "SRST"
    debug_console = 0x4442434e,   // "DBCN"
};
constexpr u64 base_probe_extension = 3;
constexpr u64 timer_set_timer = 0;
constexpr u64 system_reset_reset = 0;
constexpr u64 system_reset_shutdown = 0;  // reset_type
constexpr u64 debug_console_write_byte = 2;

struct Result {
    i64 error;
    u64 value;
};

Result call(u64 extension, u64 function, u64 arg0 = 0, u64 arg1 = 0) {
    register u64 a0 asm("a0") = arg0;
    register u64 a1 asm("a1") = arg1;
    register u64 a6 asm("a6") = function;
    register u64 a7 asm("a7") = extension;
    asm volatile("ecall" : "+r"(a0), "+r"(a1) : "r"(a6), "r"(a7) : "memory");
    return {static_cast<i64>(a0), a1};
}

bool has_timer = false;
bool has_system_reset = false;
bool has_debug_console = false;

bool implemented(Extension e) {
    Result r = call(base, base_probe_extension, e);
    return r.error == 0 && r.value != 0;
}

}  // namespace

void probe_extensions() {
    has_timer = implemented(timer);
    has_system_reset = implemented(system_reset);
    has_debug_console = implemented(debug_console);
}

void console_putchar(char c) {
    if (has_debug_console) {
        call(debug_console, debug_console_write_byte, static_cast<u8>(c));
    } else {
        call(legacy_console_putchar, 0, static_cast<u8>(c));
    }
}

void set_timer(u64 time) {
    call(has_timer ? timer : legacy_set_timer, timer_set_timer, time);
}

void shutdown(ShutdownReason reason) {
    if (has_system_reset) call(system_reset, system_reset_reset, system_reset_shutdown, static_cast<u64>(reason));
    call(legacy_shutdown, 0);
    for (;;) asm volatile("wfi");  // neither call returns unless the SBI cannot power off
}

}  // namespace arch::sbi
