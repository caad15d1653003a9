// A root task whose image seL4's loader would damage and Keel's must not: its linker script
// (layout_probe.ld) puts a table of loaded words straight after the TLS template's zero-filled
// tail and keeps the GNU_RELRO header that covers them. Keel loads PT_LOAD headers only, so the
// table and both TLS halves must read as linked.
#include <keel/runtime.h>

namespace {
constexpr unsigned long table_words = 64;
constexpr unsigned long pattern(unsigned long i) { return 0x6b65656c00000000ul + i * 0x01010101ul; }

struct Table {
    unsigned long words[table_words];
};
constexpr Table make_table() {
    Table t{};
    for (unsigned long i = 0; i < table_words; i++) t.words[i] = pattern(i);
    return t;
}
[[gnu::used, gnu::section("after_tbss")]] Table loaded_table = make_table();
}  // namespace

// External, so that the compiler keeps both halves of the TLS template (.tdata and .tbss).
extern thread_local unsigned long probe_tls_initialised;
extern thread_local unsigned long probe_tls_zeroed[8];
thread_local unsigned long probe_tls_initialised = 0x1234567890abcdeful;
thread_local unsigned long probe_tls_zeroed[8];

namespace {
bool table_intact() {
    for (unsigned long i = 0; i < table_words; i++) {
        if (reinterpret_cast<const volatile unsigned long*>(loaded_table.words)[i] != pattern(i)) return false;
    }
    return true;
}

bool tls_intact() {
    for (unsigned long i = 0; i < 8; i++) {
        if (reinterpret_cast<volatile unsigned long*>(probe_tls_zeroed)[i] != 0) return false;
    }
    return *reinterpret_cast<volatile unsigned long*>(&probe_tls_initialised) == 0x1234567890abcdeful;
}
}  // namespace

int main(seL4_BootInfo*) {
    bool table = table_intact();
    bool tls = tls_intact();
    keel_printf("layout probe: table after .tbss %s, TLS template %s\n", table ? "intact" : "DAMAGED",
                tls ? "intact" : "DAMAGED");
    return table && tls ? 0 : 1;
}
