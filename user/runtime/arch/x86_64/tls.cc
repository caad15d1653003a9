// Thread-local storage, x86_64 variant II: the TLS block ends at the thread pointer (rounded up to
// its alignment, as the linker assumes for local-exec accesses), and the thread pointer's first
// word points to itself.
#include <keel/runtime.h>
#include "lib/string.h"
#include "lib/types.h"

extern "C" char __tdata_start[], __tdata_end[];
extern "C" char __tls_memsz[], __tls_align[];

namespace {
word block_size() {
    word align = keel_tls_align();
    return (reinterpret_cast<word>(__tls_memsz) + align - 1) / align * align;
}
}  // namespace

extern "C" unsigned long keel_tls_align(void) {
    word a = reinterpret_cast<word>(__tls_align);
    return a < sizeof(word) ? sizeof(word) : a;
}

extern "C" unsigned long keel_tls_size(void) { return block_size() + sizeof(word); }

extern "C" unsigned long keel_tls_init(void* area) {
    auto* block = static_cast<u8*>(area);
    memset(block, 0, block_size());
    memcpy(block, __tdata_start, static_cast<word>(__tdata_end - __tdata_start));
    word tp = reinterpret_cast<word>(block + block_size());
    *reinterpret_cast<word*>(tp) = tp;
    return tp;
}
