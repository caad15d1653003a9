// The extra BootInfo chunk of a device-tree boot: the device tree (arch/extra_bootinfo.h).
#include "arch/extra_bootinfo.h"
#include "lib/string.h"

namespace boot {

constexpr word chunk_fdt = 6;  // SEL4_BOOTINFO_HEADER_FDT

word extra_bootinfo_size(const ExtraBootInfo& extra) {
    return extra.dtb ? bootinfo_header_size + extra.dtb_bytes : 0;
}

void write_extra_bootinfo(u8* dest, const BootSources&, const ExtraBootInfo& extra) {
    if (!extra.dtb) return;
    u8* p = write_bootinfo_header(dest, chunk_fdt, bootinfo_header_size + extra.dtb_bytes);
    memcpy(p, extra.dtb, extra.dtb_bytes);
}

}  // namespace boot
