// RETYPE, UNTYPED and BOOTINFO on x86_64: the memory map, ACPI and TSC chunks, device memory up to
// 2^47, and Retype's reset around SSE state.
#include "thread_helpers.h"
#include <keel/process.h>

using namespace keel;

namespace {
// The memory map's RAM above 1 MiB as the extra BootInfo chunk gives it: how much, where its
// highest region ends, and whether the chunk was there.
struct MapRam {
    seL4_Word total, end;
    bool found;
};

void add_map_entries(const seL4_X86_BootInfo_mmap_t& mm, MapRam& r) {
    for (seL4_Word i = 0; i < mm.mmap_length / sizeof(seL4_X86_mb_mmap_t); i++) {
        const seL4_X86_mb_mmap_t& e = mm.mmap[i];
        if (e.type != 1 || e.base_addr + e.length <= 0x100000) continue;  // available, above 1 MiB
        seL4_Word start = e.base_addr < 0x100000 ? 0x100000 : e.base_addr;
        r.total += e.base_addr + e.length - start;
        if (e.base_addr + e.length > r.end) r.end = e.base_addr + e.length;
    }
}

MapRam memory_map_ram() {
    seL4_BootInfo* bi = keel_bootinfo();
    const auto* extra = reinterpret_cast<const unsigned char*>(bi) + 4096;
    MapRam r{0, 0, false};
    for (seL4_Word at = 0; at < bi->extraLen;) {
        seL4_BootInfoHeader h;
        __builtin_memcpy(&h, extra + at, sizeof(h));
        if (h.len < sizeof(h)) break;
        if (h.id == SEL4_BOOTINFO_HEADER_X86_MBMMAP) {
            seL4_X86_BootInfo_mmap_t mm;
            __builtin_memcpy(&mm, extra + at, sizeof(mm));
            r.found = true;
            add_map_entries(mm, r);
        }
        at += h.len;
    }
    return r;
}

seL4_Error retype(seL4_CPtr ut, seL4_Word type, seL4_Word bits, seL4_Word offset, seL4_Word count) {
    return seL4_Untyped_Retype(ut, type, bits, root, 0, 0, offset, count);
}
}  // namespace

namespace {
constexpr seL4_Word reuse_va = 0x34000000;  // two pages of a 2 MiB region no other test uses
constexpr seL4_Word words_per_page = 4096 / sizeof(seL4_Word);

// Maps the two frames at `frames` and `frames` + 1 at reuse_va, counts their words that are not
// zero, writes `fill` into every word and unmaps them again.
seL4_Word nonzero_words_then_fill(seL4_CPtr frames, seL4_Word fill) {
    seL4_Word nonzero = 0;
    for (seL4_Word i = 0; i < 2; i++) {
        seL4_Word va = reuse_va + 4096 * i;
        if (keel_map_frame(frames + i, seL4_CapInitThreadVSpace, va, seL4_ReadWrite) != 0) return ~0ul;
        auto* words = reinterpret_cast<volatile seL4_Word*>(va);
        for (seL4_Word w = 0; w < words_per_page; w++) nonzero += words[w] != 0;
        for (seL4_Word w = 0; w < words_per_page; w++) words[w] = fill;
        seL4_X86_Page_Unmap(frames + i);
    }
    return nonzero;
}

// Two frames from an 8 KiB untyped, written all over, then the untyped revoked: its next Retype
// must reset it, zeroing that memory. Returns the untyped and the frames' first slot.
void two_written_frames_revoked(seL4_CPtr& ut, seL4_CPtr& frames) {
    ut = alloc_untyped(13);
    frames = alloc_slot();
    alloc_slot();
    KEEL_CHECK_EQ(retype(ut, seL4_X86_4K, 0, frames, 2), seL4_NoError);
    KEEL_CHECK_EQ(nonzero_words_then_fill(frames, 0xa5a5a5a5a5a5a5a5), 0);
    KEEL_CHECK_EQ(seL4_CNode_Revoke(root, ut, root_depth), seL4_NoError);
}

// The IPC-buffer words of a Retype of two 4 KiB frames into `frames`, stored one by one (volatile:
// the compiler may not merge them into one SSE store, which a thread without its FPU cannot run).
void put_two_frames_retype_words(seL4_CPtr frames) {
    seL4_IPCBuffer* buffer = seL4_GetIPCBuffer();
    volatile seL4_Word* mrs = buffer->msg;
    mrs[4] = frames;  // node offset
    mrs[5] = 2;       // number of objects
    volatile seL4_Word* caps = buffer->caps_or_badges;
    caps[0] = root;
}

// Retype of two 4 KiB frames into `frames` from `ut` with general-purpose registers only.
seL4_Word retype_two_frames(seL4_CPtr ut, seL4_CPtr frames) {
    put_two_frames_retype_words(frames);
    seL4_Word badge, info, type = seL4_X86_4K, size_bits = 0, node_index = 0, node_depth = 0;
    x64_sys_send_recv(seL4_SysCall, ut, &badge, seL4_MessageInfo_new(UntypedRetype, 0, 1, 6).words[0], &info, &type,
                      &size_bits, &node_index, &node_depth);
    return seL4_MessageInfo_get_label(seL4_MessageInfo_t{{info}});
}

// As retype_two_frames, in one asm block with the system call so that nothing but the kernel can
// touch XMM0 between `xmm0` going in and coming back.
seL4_Word retype_two_frames_around_xmm0(seL4_CPtr ut, seL4_CPtr frames, seL4_Word& xmm0) {
    put_two_frames_retype_words(frames);
    seL4_Word dest = ut, info = seL4_MessageInfo_new(UntypedRetype, 0, 1, 6).words[0];
    register seL4_Word r10 asm("r10") = seL4_X86_4K, r8 asm("r8") = 0, r9 asm("r9") = 0, r15 asm("r15") = 0;
    asm volatile("movq %[in], %%xmm0\n\tmovq %%rsp, %%rbx\n\tsyscall\n\tmovq %%rbx, %%rsp\n\tmovq %%xmm0, %[out]"
                 : "+D"(dest), "+S"(info), "+r"(r10), "+r"(r8), "+r"(r9), "+r"(r15), [out] "=&r"(xmm0)
                 : "d"(seL4_SysCall), [in] "r"(xmm0)
                 : "rbx", "rcx", "r11", "xmm0", "memory");
    return seL4_MessageInfo_get_label(seL4_MessageInfo_t{{info}});
}

seL4_CPtr fpu_off_untyped, fpu_off_frames, fpu_off_go;
volatile seL4_Word fpu_off_error;

// Waits (its start-up code may use SSE; by the time it wakes its FPU is disabled), then retypes
// with nothing but general-purpose registers.
void retype_with_fpu_disabled() {
    seL4_Wait(fpu_off_go, nullptr);
    fpu_off_error = retype_two_frames(fpu_off_untyped, fpu_off_frames);
    park();
}
}  // namespace

KEEL_TEST(RETYPE0011, "a reset zeroes what the untyped's old objects held, and leaves the caller's XMM0 as it was") {
    seL4_CPtr ut, frames;
    two_written_frames_revoked(ut, frames);
    seL4_Word xmm0 = 0x0123456789abcdef;
    KEEL_CHECK_EQ(retype_two_frames_around_xmm0(ut, frames, xmm0), seL4_NoError);
    KEEL_CHECK_EQ(xmm0, 0x0123456789abcdef);
    KEEL_CHECK_EQ(nonzero_words_then_fill(frames, 0), 0);
}

KEEL_TEST(RETYPE0012, "a reset made by a thread with seL4_TCBFlag_fpuDisabled zeroes too (the kernel uses no SSE then)") {
    two_written_frames_revoked(fpu_off_untyped, fpu_off_frames);
    static ThreadStack stack;
    fpu_off_error = ~0ul;
    fpu_off_go = alloc_object(seL4_NotificationObject, 0);
    KEEL_CHECK_EQ(seL4_TCB_SetPriority(seL4_CapInitThreadTCB, seL4_CapInitThreadTCB, 100), seL4_NoError);
    seL4_CPtr t = spawn_ipc_thread(retype_with_fpu_disabled, stack, 200, 2);  // runs at once and waits
    KEEL_CHECK(t != 0);
    KEEL_CHECK_EQ(seL4_TCB_SetFlags(t, 0, seL4_TCBFlag_fpuDisabled).flags, seL4_TCBFlag_fpuDisabled);
    seL4_Signal(fpu_off_go);  // it retypes, then parks
    KEEL_CHECK_EQ(seL4_TCB_Suspend(t), seL4_NoError);
    KEEL_CHECK_EQ(fpu_off_error, seL4_NoError);
    KEEL_CHECK_EQ(nonzero_words_then_fill(fpu_off_frames, 0), 0);
}

KEEL_TEST(UNTYPED0001, "BootInfo's untyped caps: real untyped caps, aligned, disjoint, covering most of RAM") {
    seL4_BootInfo* bi = keel_bootinfo();
    KEEL_CHECK(bi->untyped.end > bi->untyped.start);
    KEEL_CHECK(bi->untyped.end - bi->untyped.start <= CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS);
    seL4_Word ram = 0;
    for (seL4_CPtr s = bi->untyped.start; s < bi->untyped.end; s++) {
        const seL4_UntypedDesc& d = bi->untypedList[s - bi->untyped.start];
        KEEL_CHECK_EQ(cap_type(s), tag_untyped);
        KEEL_CHECK(d.sizeBits >= seL4_MinUntypedBits && d.sizeBits <= seL4_MaxUntypedBits);
        KEEL_CHECK_EQ(d.paddr & ((1ul << d.sizeBits) - 1), 0);
        for (seL4_CPtr t = bi->untyped.start; t < s; t++) {
            const seL4_UntypedDesc& e = bi->untypedList[t - bi->untyped.start];
            KEEL_CHECK(d.paddr + (1ul << d.sizeBits) <= e.paddr || e.paddr + (1ul << e.sizeBits) <= d.paddr);
        }
        if (!d.isDevice) ram += 1ul << d.sizeBits;
    }
    MapRam map = memory_map_ram();
    KEEL_CHECK(ram > map.total - (16ul << 20));  // the kernel image, the root task and its objects
    KEEL_CHECK(ram < map.total);
}

KEEL_TEST(UNTYPED0004, "extra BootInfo follows the BootInfo frame: RSDP, memory map and TSC frequency chunks, frames capped") {
    seL4_BootInfo* bi = keel_bootinfo();
    KEEL_CHECK(bi->extraLen > 0);
    KEEL_CHECK_EQ(bi->extraBIPages.end - bi->extraBIPages.start, (bi->extraLen + 4095) / 4096);
    for (seL4_CPtr s = bi->extraBIPages.start; s < bi->extraBIPages.end; s++) KEEL_CHECK_EQ(cap_type(s), tag_frame);
    const auto* extra = reinterpret_cast<const unsigned char*>(bi) + 4096;
    bool seen_rsdp = false, seen_mmap = false, seen_tsc = false;
    for (seL4_Word at = 0; at < bi->extraLen;) {
        seL4_BootInfoHeader h;
        __builtin_memcpy(&h, extra + at, sizeof(h));
        KEEL_CHECK(h.len >= sizeof(h) && at + h.len <= bi->extraLen);
        if (h.len < sizeof(h)) break;
        if (h.id == SEL4_BOOTINFO_HEADER_X86_ACPI_RSDP) {
            seen_rsdp = true;
            KEEL_CHECK(__builtin_memcmp(extra + at + sizeof(h), "RSD PTR ", 8) == 0);
        } else if (h.id == SEL4_BOOTINFO_HEADER_X86_MBMMAP) {
            seL4_X86_BootInfo_mmap_t mm;
            __builtin_memcpy(&mm, extra + at, sizeof(mm));
            seen_mmap = mm.mmap_length >= 24 && mm.mmap[0].size == 20;
        } else if (h.id == SEL4_BOOTINFO_HEADER_X86_TSC_FREQ) {
            seL4_Uint32 mhz;
            __builtin_memcpy(&mhz, extra + at + sizeof(h), sizeof(mhz));
            seen_tsc = mhz >= 100 && mhz < 100000;
        }
        at += h.len;
    }
    KEEL_CHECK(seen_rsdp);
    KEEL_CHECK(seen_mmap);
    KEEL_CHECK(seen_tsc);
}


KEEL_TEST(BOOTINFO0001, "device untypeds come first and cover what is not RAM: the first MiB, and from RAM's end to 2^47") {
    seL4_BootInfo* bi = keel_bootinfo();
    seL4_CPtr low = device_untyped_at(0, 20);  // the first MiB
    KEEL_CHECK(low != 0);
    seL4_Word device_end = 0, ram_end = 0;
    bool ram_seen = false;
    for (seL4_CPtr s = bi->untyped.start; s < bi->untyped.end; s++) {
        const seL4_UntypedDesc& d = bi->untypedList[s - bi->untyped.start];
        seL4_Word end = d.paddr + (1ul << d.sizeBits);
        if (d.isDevice) {
            KEEL_CHECK(!ram_seen);  // seL4 lists every device untyped before the RAM ones
            if (end > device_end) device_end = end;
        } else {
            ram_seen = true;
            if (end > ram_end) ram_end = end;
        }
    }
    KEEL_CHECK_EQ(device_end, 1ul << 47);  // seL4's CONFIG_PADDR_USER_DEVICE_TOP on x86_64
    seL4_Word map_end = memory_map_ram().end;
    KEEL_CHECK(ram_end <= map_end);
    KEEL_CHECK(ram_end > map_end - (16ul << 20));
    // Only frames and untypeds come from device memory.
    KEEL_CHECK_EQ(seL4_Untyped_Retype(low, seL4_EndpointObject, 0, root, 0, 0, alloc_slot(), 1), seL4_InvalidArgument);
    KEEL_CHECK_EQ(seL4_GetMR(0), 1);
    KEEL_CHECK_EQ(seL4_Untyped_Retype(low, seL4_TCBObject, 0, root, 0, 0, alloc_slot(), 1), seL4_InvalidArgument);
}

KEEL_TEST(BOOTINFO0002, "a frame from a device untyped maps the device memory itself: the BIOS area holds the RSDP") {
    // Halve the first MiB down to 0xe0000-0xfffff, then take that as 32 frames and map them.
    seL4_CPtr low = device_untyped_at(0, 20);
    KEEL_CHECK(low != 0);
    seL4_CPtr half = low;
    for (seL4_Word bits = 19; bits >= 17; bits--) {
        seL4_CPtr pair = alloc_slot();
        alloc_slot();
        KEEL_CHECK_EQ(seL4_Untyped_Retype(half, seL4_UntypedObject, bits, root, 0, 0, pair, 2), seL4_NoError);
        half = pair + 1;  // the upper half
    }
    constexpr seL4_Word va = 0x30000000, pages = 32;
    seL4_CPtr scratch = keel_map_new_frame(seL4_CapInitThreadVSpace, va, seL4_ReadWrite);  // the page table
    KEEL_CHECK_EQ(seL4_X86_Page_Unmap(scratch), seL4_NoError);
    seL4_CPtr frames = alloc_slot();
    for (seL4_Word i = 1; i < pages; i++) alloc_slot();
    KEEL_CHECK_EQ(seL4_Untyped_Retype(half, seL4_X86_4K, 0, root, 0, 0, frames, pages), seL4_NoError);
    for (seL4_Word i = 0; i < pages; i++) {
        KEEL_CHECK_EQ(seL4_X86_Page_Map(frames + i, seL4_CapInitThreadVSpace, va + 4096 * i, seL4_CanRead,
                                        seL4_X86_Default_VMAttributes),
                      seL4_NoError);
    }
    KEEL_CHECK_EQ(seL4_X86_Page_GetAddress(frames).paddr, 0xe0000);
    // The kernel found the RSDP in this area and copied it into extra BootInfo: the same bytes.
    seL4_BootInfo* bi = keel_bootinfo();
    const auto* extra = reinterpret_cast<const unsigned char*>(bi) + 4096;
    seL4_BootInfoHeader h;
    __builtin_memcpy(&h, extra, sizeof(h));
    KEEL_CHECK_EQ(h.id, SEL4_BOOTINFO_HEADER_X86_ACPI_RSDP);
    const auto* bios = reinterpret_cast<const unsigned char*>(va);
    // All 36 bytes of seL4's acpi_rsdp_t are copied, whatever the RSDP's revision (QEMU's pc
    // machine has a revision-0 one of 20 bytes: the next 16 bytes in memory come with it).
    KEEL_CHECK_EQ(h.len, sizeof(h) + 36);
    bool found = false;
    for (seL4_Word at = 0; at + 36 <= pages * 4096 && !found; at += 16) {
        found = __builtin_memcmp(bios + at, extra + sizeof(h), 36) == 0;
    }
    KEEL_CHECK(found);
    for (seL4_Word i = 0; i < pages; i++) seL4_X86_Page_Unmap(frames + i);
}

// Whether any untyped in BootInfo covers physical address `paddr`.
static bool untyped_covers(seL4_Word paddr) {
    seL4_BootInfo* bi = keel_bootinfo();
    for (seL4_CPtr s = bi->untyped.start; s < bi->untyped.end; s++) {
        const seL4_UntypedDesc& d = bi->untypedList[s - bi->untyped.start];
        if (paddr >= d.paddr && paddr - d.paddr < (1ul << d.sizeBits)) return true;
    }
    return false;
}

KEEL_TEST(BOOTINFO0004, "no untyped covers the kernel's local APIC or I/O APIC registers, or the MSI doorbell; their neighbours are device memory") {
    constexpr seL4_Word lapic = 0xfee00000, ioapic = 0xfec00000, msi = 0xfffffff8;  // QEMU's pc and q35
    KEEL_CHECK(!untyped_covers(lapic));
    KEEL_CHECK(!untyped_covers(lapic + 0xfff));
    KEEL_CHECK(!untyped_covers(ioapic));
    KEEL_CHECK(!untyped_covers(msi));
    KEEL_CHECK(untyped_covers(lapic - 0x1000));
    KEEL_CHECK(untyped_covers(lapic + 0x1000));
    KEEL_CHECK(untyped_covers(ioapic - 0x1000));
    KEEL_CHECK(untyped_covers(ioapic + 0x1000));
    KEEL_CHECK(untyped_covers(0x100000000));
}

KEEL_TEST(BOOTINFO0003, "RAM untypeds add up to the memory map's RAM above 1 MiB, above 4 GiB too, less what the kernel and root task hold") {
    seL4_BootInfo* bi = keel_bootinfo();
    MapRam map = memory_map_ram();
    KEEL_CHECK(map.found);
    seL4_Word ram = 0;
    for (seL4_CPtr s = bi->untyped.start; s < bi->untyped.end; s++) {
        const seL4_UntypedDesc& d = bi->untypedList[s - bi->untyped.start];
        if (!d.isDevice) ram += 1ul << d.sizeBits;
    }
    KEEL_CHECK(map.total > 500ul << 20);   // QEMU's -m 512M or more, less firmware areas
    KEEL_CHECK(ram <= map.total);
    KEEL_CHECK(map.total - ram < 16ul << 20);  // the kernel image, the root task and its objects
}
