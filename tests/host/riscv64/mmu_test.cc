// The riscv64 twin of the host library (keel_core_host_riscv64): riscv64's own Sv39 paging, ASID
// and IRQControl code run by core on the simulated riscv64 machine, seen through its page tables,
// its TLB model and its PLIC.
#include <gtest/gtest.h>
#include <cstdlib>
#include "../host_world.h"
#include "arch/interrupts.h"
#include "generated/invocations.h"
#include "object/interrupt.h"
#include "object/untyped.h"

namespace {

using L = core::InvocationLabel;
using T = core::ObjectType;

constexpr word asid_control = 5, irq_control = 6, pool_untyped = 10, pool = 11;
constexpr word root_table = 20, mid_table = 21, leaf_table = 22, frame = 30, handler = 40;
constexpr word read_write = 3;

// Physical memory aligned as its size, so that page-table entries (physical page numbers) find
// the tables and frames they name.
u8* aligned_memory() {
    static u8* m = static_cast<u8*>(std::aligned_alloc(HostWorld::phys_size, HostWorld::phys_size));
    return m;
}

// A world with ASID and IRQ control, a pool, an address space (ASID 1) and its tables, a frame.
struct Riscv64World : HostWorld {
    Riscv64World() : HostWorld(aligned_memory()) {
        write_original(core::Cap::of_type(core::CapType::AsidControl), root[asid_control]);
        write_original(core::Cap::of_type(core::CapType::IrqControl), root[irq_control]);
        retype(T::Untyped, 12, pool_untyped, 1);
        EXPECT_EQ(call(asid_control, w(L::RISCVASIDControlMakePool), {pool, 64}, {pool_untyped, 2}), 0u);
        retype(T::PageTable, 0, root_table, 3);
        retype(T::SmallPage, 0, frame, 1);
        EXPECT_EQ(call(pool, w(L::RISCVASIDPoolAssign), {}, {root_table}), 0u);
        EXPECT_EQ(call(mid_table, w(L::RISCVPageTableMap), {0, 0}, {root_table}), 0u);
        EXPECT_EQ(call(leaf_table, w(L::RISCVPageTableMap), {0, 0}, {root_table}), 0u);
    }

    static word w(L label) { return static_cast<word>(label); }
    void retype(T type, word bits, word slot, word count) {
        EXPECT_EQ(call(untyped_slot, w(L::UntypedRetype), {static_cast<word>(type), bits, 0, 0, slot, count}, {2}), 0u);
    }
    word root_phys() const { return arch::ptr_to_phys(root[root_table].cap.ptr()); }
    word frame_phys() const { return arch::ptr_to_phys(root[frame].cap.ptr()); }
    // The root table's address space made current, as leaving the kernel for a thread in it.
    void enter_address_space() {
        tcb.slot(core::TcbSlot::VTable).cap = root[root_table].cap;
        host::return_to_user(tcb);
    }
};

TEST(Riscv64Host, AMappedFrameTranslatesWithItsRights) {
    Riscv64World w;
    EXPECT_EQ(w.call(frame, w.w(L::RISCVPageMap), {0x5000, read_write, 0}, {root_table}), 0u);
    host::Translation t = host::walk_page_tables(w.root_phys(), 0x5008);
    EXPECT_EQ(t.frame, w.frame_phys());
    EXPECT_TRUE(t.write);
    EXPECT_FALSE(host::walk_page_tables(w.root_phys(), 0x6000).mapped());
}

TEST(Riscv64Host, UnmappingAFrameFlushesTheTlb) {
    Riscv64World w;
    ASSERT_EQ(w.call(frame, w.w(L::RISCVPageMap), {0x5000, read_write, 0}, {root_table}), 0u);
    w.enter_address_space();
    host::UserAccess before = host::user_access(0x5010, true);
    EXPECT_TRUE(before.ok);
    EXPECT_EQ(before.paddr, w.frame_phys() + 0x10);
    EXPECT_EQ(w.call(frame, w.w(L::RISCVPageUnmap), {}), 0u);
    host::UserAccess after = host::user_access(0x5010, true);
    EXPECT_FALSE(after.ok);
    EXPECT_EQ(after.fault, 15u);  // a store page fault
}

TEST(Riscv64Host, MisalignedMapIsAnAlignmentError) {
    Riscv64World w;
    EXPECT_EQ(w.call(frame, w.w(L::RISCVPageMap), {0x5008, read_write, 0}, {root_table}),
              static_cast<word>(core::ErrorCode::AlignmentError));
}

// seL4 on RISC-V masks no signalled IRQ and its Ack does nothing on QEMU virt: the source stays
// enabled, taken again before any Ack, until its handler cap is deleted.
TEST(Riscv64Host, AHandledInterruptStaysEnabledUntilItsHandlerGoes) {
    Riscv64World w;
    constexpr word irq = 10;
    ASSERT_EQ(w.call(irq_control, w.w(L::RISCVIRQIssueIRQHandlerTrigger), {irq, 0, handler, 64}, {2}), 0u);
    EXPECT_TRUE(host::plic_enabled(irq));
    ASSERT_TRUE(host::raise_plic_source(irq));
    core::handle_interrupt(irq);
    EXPECT_TRUE(host::plic_enabled(irq));
    ASSERT_TRUE(host::raise_plic_source(irq));
    core::handle_interrupt(irq);
    EXPECT_EQ(w.call(handler, w.w(L::IRQAckIRQ), {}), 0u);
    EXPECT_TRUE(host::plic_enabled(irq));
    EXPECT_EQ(w.call(2, w.w(L::CNodeDelete), {handler, 64}), 0u);
    EXPECT_FALSE(host::plic_enabled(irq));
}

}  // namespace
