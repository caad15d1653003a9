// PSCI SYSTEM_OFF (Arm DEN0022, function 0x84000008) through the conduit the device tree names.
#include "arch/halt.h"
#include "lib/string.h"

namespace arch {
namespace {

enum class Conduit : u8 { None, Hvc, Smc };
constexpr u32 psci_system_off = 0x84000008;

constinit Conduit conduit = Conduit::None;

bool is(const char* s, const char* wanted) { return s && strlen(s) == strlen(wanted) && memcmp(s, wanted, strlen(s)) == 0; }

}  // namespace

void set_psci_method(const char* method) {
    conduit = is(method, "hvc") ? Conduit::Hvc : is(method, "smc") ? Conduit::Smc : Conduit::None;
}

void halt(HaltReason) {
    register u64 x0 asm("x0") = psci_system_off;
    if (conduit == Conduit::Hvc) asm volatile("hvc #0" : "+r"(x0)::"memory");
    if (conduit == Conduit::Smc) asm volatile("smc #0" : "+r"(x0)::"memory");
    for (;;) asm volatile("msr daifset, #0xf\n wfi");
}

}  // namespace arch
