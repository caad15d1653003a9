// libFuzzer target: the device tree reader (kernel/lib/fdt) on arbitrary blobs. ASan and UBSan
// catch any read outside the input; a read that succeeds must describe only in-range facts.
#include <cstdint>
#include <cstdlib>
#include "lib/fdt_facts.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    fdt::Facts f;
    if (fdt::read_facts(Bytes(data, size), f) != fdt::Error::None) return 0;
    bool sane = f.memory_count <= fdt::max_memory_regions && f.reserved_count <= fdt::max_reserved_regions &&
                (!f.has_initrd || f.initrd_start <= f.initrd_end);
    if (!sane) abort();
    return 0;
}
