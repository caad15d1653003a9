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

// The bytes of [start, end) that device untypeds cover.
seL4_Word device_bytes_in(seL4_Word start, seL4_Word end) {
    seL4_BootInfo* bi = keel_bootinfo();
    seL4_Word bytes = 0;
    for (seL4_Word i = 0; i < bi->untyped.end - bi->untyped.start; i++) {
        const seL4_UntypedDesc& d = bi->untypedList[i];
        seL4_Word from = d.paddr > start ? d.paddr : start;
        seL4_Word d_end = d.paddr + (seL4_Word{1} << d.sizeBits);
        seL4_Word to = d_end < end ? d_end : end;
        if (d.isDevice && from < to) bytes += to - from;
    }
    return bytes;
}

// Whether the device tree (BootInfo's extra chunk) names a GICv3: "arm,gic-v3" in its structure.
bool device_tree_names_gic_v3() {
    seL4_BootInfo* bi = keel_bootinfo();
    const char* blob = reinterpret_cast<const char*>(bi) + 4096 + sizeof(seL4_BootInfoHeader);
    seL4_Word size = be32(reinterpret_cast<const unsigned char*>(blob) + 4);
    constexpr char name[] = "arm,gic-v3";
    for (seL4_Word i = 0; i + sizeof(name) <= size; i++) {
        if (__builtin_memcmp(blob + i, name, sizeof(name)) == 0) return true;
    }
    return false;
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

// seL4 maps its GIC registers as tools/hardware.yml sizes them (the device tree's range, at most
// kernel_size) and keeps exactly those out of device untypeds: QEMU virt's GICv2 distributor
// (0x8000000) and CPU interface (0x8010000), a page each; its GICv3 distributor's 64 KiB and the
// first 1 MiB of its redistributor range [0x80a0000, 0x9000000).
KEEL_TEST(BOOTINFO0007, "aarch64: device untypeds leave out the GIC registers seL4 maps (GICv2: a page of distributor and of CPU interface; GICv3: 64 KiB of distributor, 1 MiB of redistributors) and cover the rest of the GIC's ranges") {
    if (device_tree_names_gic_v3()) {
        KEEL_CHECK_EQ(device_bytes_in(gic_distributor, gic_distributor + 0x10000), 0);
        KEEL_CHECK_EQ(device_bytes_in(0x80a0000, 0x81a0000), 0);
        KEEL_CHECK_EQ(device_bytes_in(0x81a0000, uart), uart - 0x81a0000);
    } else {
        KEEL_CHECK_EQ(device_bytes_in(gic_distributor, gic_distributor + 0x1000), 0);
        KEEL_CHECK_EQ(device_bytes_in(gic_distributor + 0x1000, 0x8010000), 0xf000);
        KEEL_CHECK_EQ(device_bytes_in(0x8010000, 0x8011000), 0);
        KEEL_CHECK_EQ(device_bytes_in(0x8011000, 0x8020000), 0xf000);
        KEEL_CHECK_EQ(device_bytes_in(0x80a0000, uart), uart - 0x80a0000);
    }
}
