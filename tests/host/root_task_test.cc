// Root task creation: layout, mappings and BootInfo, on the simulated machine.
#include <gtest/gtest.h>
#include <cstring>
#include <vector>
#include "arch/extra_bootinfo.h"
#include "arch/host_machine.h"
#include "arch/vspace.h"
#include "boot/bootinfo.h"
#include "boot/root_task.h"
#include "elf_builder.h"
#include "fresh_kernel.h"
#include "generated/config.h"
#include <sel4/constants.h>

namespace {

struct Machine {
    std::vector<uint8_t> phys = std::vector<uint8_t>(8 << 20, 0xcc);
    FreshKernel fresh_kernel{phys.data(), phys.size()};  // the root task's CNode and thread live in phys
    boot::BootSources sources;
    boot::BootMemory ram;  // the simulated RAM from 1 MiB up
    boot::BootMemory mem;
    core::Tcb* tcb = nullptr;

    explicit Machine(const std::vector<uint8_t>& module) {
        std::memcpy(&phys[0x100000], module.data(), module.size());
        sources.add_module(0x100000, 0x100000 + module.size());
        ram.add_free(0x100000, phys.size());
        mem.add_free(0x200000, phys.size());
    }
    boot::ExtraBootInfo extra{nullptr, 1234};
    boot::BootError create() {
        return boot::create_root_task(sources, {phys.data(), phys.size()}, extra, ram, mem, tcb);
    }
};

}  // namespace

TEST(RootTask, LaysOutIpcBufferThenBootInfoAfterTheImage) {
    boot::RootTaskLayout l = boot::layout_root_task({0x400123, 0x400000, 0x403000}, 1292);
    EXPECT_EQ(l.ipc_buffer, 0x403000u);
    EXPECT_EQ(l.bootinfo, 0x404000u);
    EXPECT_EQ(l.extra_bootinfo, 0x405000u);
    EXPECT_EQ(l.end, 0x406000u);
    EXPECT_EQ(boot::layout_root_task({0x400123, 0x400000, 0x403000}, 4097).extra_bootinfo_pages, 2u);
    EXPECT_EQ(boot::layout_root_task({0x400123, 0x400000, 0x403000}, 8193).extra_bootinfo_pages, 4u)
        << "a power of two, as seL4 sizes the region";
}

TEST(RootTask, LoadsMapsAndStartsTheImage) {
    Machine m(build_elf64(0x400010, {{0x400000, {0xde, 0xad}, 0x1000}, {0x401000, {0xbe}, 0x2000}}));
    ASSERT_EQ(m.create().what, nullptr);
    word root = m.tcb->vspace_root();
    word text = host::translate(root, 0x400000);
    ASSERT_NE(text, ~word{0});
    EXPECT_EQ(m.phys[text], 0xde);
    EXPECT_EQ(m.phys[text + 2], 0) << "memory past the file contents is zeroed";
    word bss = host::translate(root, 0x402000);
    ASSERT_NE(bss, ~word{0});
    EXPECT_EQ(m.phys[bss], 0);
    EXPECT_NE(host::translate(root, 0x403000), ~word{0}) << "IPC buffer";
    word bi_frame = host::translate(root, 0x404000);
    ASSERT_NE(bi_frame, ~word{0}) << "BootInfo";
    EXPECT_NE(host::translate(root, 0x405000), ~word{0}) << "extra BootInfo";
    EXPECT_EQ(host::translate(root, 0x406000), ~word{0});

    auto* bi = reinterpret_cast<seL4_BootInfo*>(&m.phys[bi_frame]);
    EXPECT_EQ(reinterpret_cast<word>(bi->ipcBuffer), 0x403000u);
    EXPECT_EQ(bi->numNodes, 1u);
    EXPECT_EQ(bi->initThreadCNodeSizeBits, config::root_cnode_size_bits);

    EXPECT_EQ(m.tcb->context.rip, 0x400010u);
    EXPECT_EQ(m.tcb->context.rdi, 0x404000u) << "BootInfo address in RDI";
    EXPECT_EQ(m.tcb->state, core::ThreadState::Running);
    EXPECT_STREQ(m.tcb->name, "rootserver");
}

TEST(RootTask, FillsTheRootCNodeAndBootInfoAsSeL4Does) {
    Machine m(build_elf64(0x400000, {{0x400000, {1}, 0x3000}}));
    ASSERT_EQ(m.create().what, nullptr);
    core::Slot& croot = m.tcb->cspace_root();
    ASSERT_EQ(croot.cap.type(), core::CapType::CNode);
    EXPECT_EQ(croot.cap.cnode_radix(), config::root_cnode_size_bits);
    EXPECT_EQ(croot.cap.cnode_guard_size(), 64 - config::root_cnode_size_bits);
    auto* slots = static_cast<core::Slot*>(croot.cap.cnode_slots());
    EXPECT_EQ(slots[seL4_CapInitThreadTCB].cap.type(), core::CapType::Thread);
    EXPECT_EQ(slots[seL4_CapInitThreadTCB].cap.ptr(), m.tcb);
    EXPECT_EQ(slots[seL4_CapInitThreadCNode].cap.cnode_slots(), slots);
    EXPECT_EQ(slots[seL4_CapInitThreadVSpace].cap.type(), core::CapType::Pml4);
    EXPECT_EQ(slots[seL4_CapIRQControl].cap.type(), core::CapType::IrqControl);
    EXPECT_EQ(slots[seL4_CapASIDControl].cap.type(), core::CapType::AsidControl);
    EXPECT_EQ(slots[seL4_CapInitThreadASIDPool].cap.type(), core::CapType::AsidPool);
    EXPECT_EQ(slots[seL4_CapIOPortControl].cap.type(), core::CapType::IoPortControl);
    EXPECT_TRUE(slots[seL4_CapIOSpace].cap.is_null());
    EXPECT_EQ(slots[seL4_CapBootInfoFrame].cap.type(), core::CapType::Frame);
    EXPECT_EQ(slots[seL4_CapInitThreadIPCBuffer].cap.type(), core::CapType::Frame);
    EXPECT_EQ(slots[seL4_CapDomain].cap.type(), core::CapType::Domain);
    for (unsigned i = 12; i < 16; i++) EXPECT_TRUE(slots[i].cap.is_null()) << i;

    word bi_frame = host::translate(m.tcb->vspace_root(), 0x404000);
    auto* bi = reinterpret_cast<seL4_BootInfo*>(&m.phys[bi_frame]);
    // The simulated machine builds real page tables: a PDPT, a directory and a table, as seL4.
    EXPECT_EQ(bi->userImagePaging.start, 16u);
    EXPECT_EQ(bi->userImagePaging.end, 19u);
    EXPECT_EQ(slots[16].cap.type(), core::CapType::Pdpt);
    EXPECT_EQ(slots[17].cap.type(), core::CapType::PageDirectory);
    EXPECT_EQ(slots[18].cap.type(), core::CapType::PageTable);
    EXPECT_EQ(bi->extraBIPages.start, 19u);
    EXPECT_EQ(bi->extraBIPages.end, 20u);
    EXPECT_EQ(slots[19].cap.mapped_address(), 0x405000u);
    EXPECT_EQ(bi->userImageFrames.start, 20u);
    EXPECT_EQ(bi->userImageFrames.end, 23u);
    for (word s = bi->userImageFrames.start; s < bi->userImageFrames.end; s++) {
        EXPECT_EQ(slots[s].cap.type(), core::CapType::Frame);
        EXPECT_EQ(slots[s].cap.mapped_address(), 0x400000 + (s - 20) * 0x1000);
    }
    EXPECT_EQ(bi->extraLen, 1220u + 20u);
    EXPECT_EQ(bi->untyped.start, bi->userImageFrames.end);
    ASSERT_GT(bi->untyped.end, bi->untyped.start);
    word total = 0, device_total = 0, next_device = 0;
    for (word s = bi->untyped.start; s < bi->untyped.end; s++) {
        const seL4_UntypedDesc& d = bi->untypedList[s - bi->untyped.start];
        EXPECT_EQ(slots[s].cap.type(), core::CapType::Untyped);
        EXPECT_EQ(slots[s].cap.untyped_size_bits(), d.sizeBits);
        EXPECT_EQ(slots[s].cap.untyped_is_device(), d.isDevice != 0);
        EXPECT_EQ(slots[s].cap.untyped_free_index(), word{1} << (d.sizeBits - 4)) << "full, as seL4: reset first";
        EXPECT_EQ(d.paddr & ((word{1} << d.sizeBits) - 1), 0u) << "aligned to its size";
        if (d.isDevice) {
            EXPECT_EQ(total, 0u) << "device untypeds come first";
            if (d.paddr == 0x100000) ADD_FAILURE() << "RAM is not device memory";
            EXPECT_EQ(d.paddr, next_device == 0x100000 ? m.phys.size() : next_device) << "in order, around the RAM";
            next_device = d.paddr + (word{1} << d.sizeBits);
            device_total += word{1} << d.sizeBits;
        } else {
            EXPECT_EQ(arch::ptr_to_phys(slots[s].cap.ptr()), d.paddr);
            total += word{1} << d.sizeBits;
        }
    }
    EXPECT_EQ(next_device, arch::device_memory_top);
    EXPECT_EQ(device_total, arch::device_memory_top - (m.phys.size() - 0x100000)) << "all but the RAM";
    EXPECT_EQ(total, m.mem.total_free()) << "every free byte is in exactly one untyped";
    EXPECT_EQ(bi->empty.start, bi->untyped.end);
    EXPECT_EQ(bi->empty.end, word{1} << config::root_cnode_size_bits);

    EXPECT_EQ(m.tcb->slot(core::TcbSlot::CTable).cap.type(), core::CapType::CNode);
    EXPECT_EQ(m.tcb->slot(core::TcbSlot::CTable).mdb.prev(), &slots[seL4_CapInitThreadCNode]);
    EXPECT_EQ(m.tcb->slot(core::TcbSlot::Buffer).cap.type(), core::CapType::Frame);
}

TEST(RootTask, ReportsMissingAndInvalidModules) {
    Machine m(build_elf64(0x400000, {{0x400000, {1}, 0x1000}}));
    m.sources.num_modules = 0;
    EXPECT_STREQ(m.create().what, "no root task");

    Machine bad(std::vector<uint8_t>(64, 'x'));
    boot::BootError e = bad.create();
    ASSERT_NE(e.what, nullptr);
    EXPECT_STREQ(e.detail, "not an ELF file");
}

TEST(RootTask, ReportsExhaustedMemory) {
    Machine m(build_elf64(0x400000, {{0x400000, {1}, 0x100000}}));
    m.mem = boot::BootMemory{};
    m.mem.add_free(0x200000, 0x210000);
    EXPECT_STREQ(m.create().what, "out of memory while creating the root task");
}

TEST(RootTask, UntypedsPastBootInfosListAreLeftOutAsSeL4Does) {
    Machine m(build_elf64(0x400000, {{0x400000, {1}, 0x1000}}));
    m.mem = boot::BootMemory{};
    m.mem.add_free(0x200000, 0x400000);  // the root task's objects
    // 40 ranges of 16 bytes short of a page: 8 untypeds each (16 bytes to 2 KiB), 320 in all.
    for (word i = 0; i < 40; i++) m.mem.add_free(0x500010 + i * 0x2000, 0x501000 + i * 0x2000);
    ASSERT_EQ(m.create().what, nullptr) << "boot goes on";
    auto* bi = reinterpret_cast<seL4_BootInfo*>(&m.phys[host::translate(m.tcb->vspace_root(), 0x402000)]);
    ASSERT_EQ(bi->untyped.end - bi->untyped.start, word{CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS});
    EXPECT_EQ(bi->empty.start, bi->untyped.end);
    auto* slots = static_cast<core::Slot*>(m.tcb->cspace_root().cap.cnode_slots());
    const seL4_UntypedDesc& last = bi->untypedList[CONFIG_MAX_NUM_BOOTINFO_UNTYPED_CAPS - 1];
    EXPECT_EQ(arch::ptr_to_phys(slots[bi->untyped.end - 1].cap.ptr()), last.paddr);
    EXPECT_EQ(slots[bi->untyped.end - 1].cap.untyped_size_bits(), last.sizeBits);
    EXPECT_TRUE(slots[bi->untyped.end].cap.is_null()) << "no cap past the list";
}
