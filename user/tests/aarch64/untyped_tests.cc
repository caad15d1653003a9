// BOOTINFO on aarch64: the device tree as BootInfo's extra chunk, device untypeds up to 2^44 less
// the kernel's GIC (the PL011 is the user's too, as seL4's hardware.yml has it), and RAM untypeds
// within the device tree's RAM.
#include "cspace_helpers.h"

using namespace keel;

namespace {

constexpr seL4_Word device_top = seL4_Word{1} << 44;  // PADDR_USER_DEVICE_TOP, KernelArmPASizeBits44
constexpr seL4_Word ram_base = 0x40000000, ram_end = 0x60000000;  // QEMU virt, -m 512M
constexpr seL4_Word gic_distributor = 0x8000000;  // the kernel's device
constexpr seL4_Word uart = 0x9000000;  // the debug console's PL011, which seL4 leaves to users (`user: true`)

seL4_Word be32(const unsigned char* p) {
    return seL4_Word{p[0]} << 24 | seL4_Word{p[1]} << 16 | seL4_Word{p[2]} << 8 | p[3];
}

bool overlaps(const seL4_UntypedDesc& d, seL4_Word start, seL4_Word end) {
    return d.paddr < end && start < d.paddr + (seL4_Word{1} << d.sizeBits);
}

}  // namespace

KEEL_TEST(BOOTINFO0005, "aarch64: BootInfo's extra chunk is the device tree (SEL4_BOOTINFO_HEADER_FDT): its magic, its totalsize as the chunk's length, in a power of two of frames") {
    seL4_BootInfo* bi = keel_bootinfo();
    const auto* extra = reinterpret_cast<const unsigned char*>(bi) + 4096;
    KEEL_CHECK(bi->extraLen >= sizeof(seL4_BootInfoHeader) + 40);
    seL4_BootInfoHeader h;
    __builtin_memcpy(&h, extra, sizeof(h));
    KEEL_CHECK_EQ(h.id, SEL4_BOOTINFO_HEADER_FDT);
    const unsigned char* blob = extra + sizeof(h);
    KEEL_CHECK_EQ(be32(blob), 0xd00dfeed);
    KEEL_CHECK_EQ(h.len, sizeof(h) + be32(blob + 4));  // the header's totalsize
    KEEL_CHECK(h.len <= bi->extraLen);
    // Its frames: a power of two of pages, as seL4's calculate_extra_bi_size_bits rounds it.
    seL4_Word pages = 1;
    while (pages * 4096 < bi->extraLen) pages *= 2;
    KEEL_CHECK_EQ(bi->extraBIPages.end - bi->extraBIPages.start, pages);
}

KEEL_TEST(BOOTINFO0006, "aarch64: device untypeds reach 2^44, leave out RAM and the kernel's GIC page and cover the PL011's; RAM untypeds lie in RAM") {
    seL4_BootInfo* bi = keel_bootinfo();
    seL4_Word device_end = 0, ram_bytes = 0;
    bool uart_covered = false;
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
        const seL4_UntypedDesc& d = bi->untypedList[i];
        seL4_Word end = d.paddr + (seL4_Word{1} << d.sizeBits);
        if (d.isDevice) {
            KEEL_CHECK(end <= device_top);
            KEEL_CHECK(!overlaps(d, ram_base, ram_end));
            KEEL_CHECK(!overlaps(d, gic_distributor, gic_distributor + 4096));
            uart_covered |= d.paddr <= uart && uart + 4096 <= end;
            if (end > device_end) device_end = end;
        } else {
            KEEL_CHECK(d.paddr >= ram_base && end <= ram_end);
            ram_bytes += end - d.paddr;
        }
    }
    KEEL_CHECK_EQ(device_end, device_top);
    KEEL_CHECK(uart_covered);
    KEEL_CHECK(ram_bytes > (ram_end - ram_base) / 2);  // most of RAM: less the kernel, the root task, the blob
}
