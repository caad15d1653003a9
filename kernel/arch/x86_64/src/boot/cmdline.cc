// Kernel command line parsing.
#include "arch/cmdline.h"
#include "lib/string.h"

namespace boot {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n'; }

// If `word_start` is `name=<number>` followed by a space or the end, stores the number.
template <typename T>
void match_number(const char* word_start, const char* name, T& out) {
    if (!lib::starts_with(word_start, name)) return;
    const char* value = word_start + strlen(name);
    const char* end = nullptr;
    word v = 0;
    if (lib::parse_word(value, v, &end) && (*end == '\0' || is_space(*end)) && v == static_cast<T>(v)) {
        out = static_cast<T>(v);
    }
}

void match_flag(const char* word_start, const char* name, bool& out) {
    usize n = strlen(name);
    if (lib::starts_with(word_start, name) && (word_start[n] == '\0' || is_space(word_start[n]))) out = true;
}

}  // namespace

CmdlineOptions parse_cmdline(const char* cmdline) {
    CmdlineOptions opts;
    const char* p = cmdline;
    while (*p) {
        while (is_space(*p)) p++;
        if (!*p) break;
        match_number(p, "console_port=", opts.console_port);
        match_number(p, "debug_port=", opts.debug_port);
        match_number(p, "max_num_nodes=", opts.max_num_nodes);
        match_number(p, "keel_exit_port=", opts.exit_port);
        match_flag(p, "disable_iommu", opts.disable_iommu);
        match_flag(p, "keel_panic_test", opts.panic_test);
        while (*p && !is_space(*p)) p++;
    }
    return opts;
}

}  // namespace boot
