// Thread-local storage, RISC-V variant I: the thread pointer points at the TLS block itself, which
// starts at its alignment (lld's local-exec offsets count from there; there is no TCB before it).
#include <keel/runtime.h>
#include "lib/string.h"
#include "lib/types.h"

extern "C" char __tdata_start[], __tdata_end[];
extern "C" char __tls_memsz[], __tls_align[];

extern "C" unsigned long keel_tls_align(void) {
    word a = reinterpret_cast<word>(__tls_align);
    return a < sizeof(word) ? sizeof(word) : a;
}

extern "C" unsigned long keel_tls_size(void) {
    word align = keel_tls_align();
    return (reinterpret_cast<word>(__tls_memsz) + align - 1) / align * align;
}

extern "C" unsigned long keel_tls_init(void* area) {
    auto* block = static_cast<u8*>(area);
    memset(block, 0, keel_tls_size());
    memcpy(block, __tdata_start, static_cast<word>(__tdata_end - __tdata_start));
    return reinterpret_cast<word>(block);
}
