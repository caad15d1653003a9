// Thread-local storage, AArch64 variant I: TPIDR_EL0 points at a 16-byte thread control block the
// TLS block follows, at its alignment (lld's local-exec offsets count from TPIDR_EL0 plus 16
// rounded up to the block's alignment).
#include <keel/runtime.h>
#include "lib/string.h"
#include "lib/types.h"

extern "C" char __tdata_start[], __tdata_end[];
extern "C" char __tls_memsz[], __tls_align[];

namespace {
constexpr word tcb_bytes = 16;
// Where the block starts after the thread pointer.
word block_offset() { return (tcb_bytes + keel_tls_align() - 1) / keel_tls_align() * keel_tls_align(); }
}  // namespace

extern "C" unsigned long keel_tls_align(void) {
    word a = reinterpret_cast<word>(__tls_align);
    return a < tcb_bytes ? tcb_bytes : a;
}

extern "C" unsigned long keel_tls_size(void) {
    word align = keel_tls_align();
    return block_offset() + (reinterpret_cast<word>(__tls_memsz) + align - 1) / align * align;
}

extern "C" unsigned long keel_tls_init(void* area) {
    auto* tp = static_cast<u8*>(area);
    memset(tp, 0, keel_tls_size());
    memcpy(tp + block_offset(), __tdata_start, static_cast<word>(__tdata_end - __tdata_start));
    return reinterpret_cast<word>(tp);
}
