// Root task creation: layout, mappings and BootInfo, on the simulated machine.
#include <gtest/gtest.h>
#include <cstring>
#include <vector>
#include "arch/host_machine.h"
#include "arch/vspace.h"
#include "boot/bootinfo.h"
#include "boot/root_task.h"
#include "elf_builder.h"

namespace {

struct Machine {
    std::vector<uint8_t> phys = std::vector<uint8_t>(8 << 20, 0xcc);
    boot::BootParams params;
    boot::BootMemory mem;
    core::Tcb tcb;

    explicit Machine(const std::vector<uint8_t>& module) {
        host::reset_machine(phys.data(), phys.size());
        std::memcpy(&phys[0x100000], module.data(), module.size());
        params.add_module(0x100000, 0x100000 + module.size());
        mem.add_free(0x200000, phys.size());
    }
    boot::BootError create() { return boot::create_root_task(params, {phys.data(), phys.size()}, mem, tcb); }
};

}  // namespace

TEST(RootTask, LaysOutIpcBufferThenBootInfoAfterTheImage) {
    boot::RootTaskLayout l = boot::layout_root_task({0x400123, 0x400000, 0x403000});
    EXPECT_EQ(l.ipc_buffer, 0x403000u);
    EXPECT_EQ(l.bootinfo, 0x404000u);
    EXPECT_EQ(l.end, 0x405000u);
}

TEST(RootTask, LoadsMapsAndStartsTheImage) {
    Machine m(build_elf64(0x400010, {{0x400000, {0xde, 0xad}, 0x1000}, {0x401000, {0xbe}, 0x2000}}));
    ASSERT_EQ(m.create().what, nullptr);
    word root = m.tcb.vspace_root;
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
    EXPECT_EQ(host::translate(root, 0x405000), ~word{0});

    auto* bi = reinterpret_cast<seL4_BootInfo*>(&m.phys[bi_frame]);
    EXPECT_EQ(reinterpret_cast<word>(bi->ipcBuffer), 0x403000u);
    EXPECT_EQ(bi->numNodes, 1u);
    EXPECT_EQ(bi->initThreadCNodeSizeBits, 12u);

    EXPECT_EQ(m.tcb.context.rip, 0x400010u);
    EXPECT_EQ(m.tcb.context.rdi, 0x404000u) << "BootInfo address in RDI";
    EXPECT_EQ(m.tcb.state, core::ThreadState::Running);
    EXPECT_STREQ(m.tcb.name, "rootserver");
}

TEST(RootTask, ReportsMissingAndInvalidModules) {
    Machine m(build_elf64(0x400000, {{0x400000, {1}, 0x1000}}));
    m.params.num_modules = 0;
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
    EXPECT_STREQ(m.create().what, "out of memory while loading the root task");
}
