// The aarch64 twin of the host library (keel_core_host_aarch64): aarch64's own VMSA paging, ASID,
// cache-maintenance and IRQControl code run by core on the simulated aarch64 machine, seen through
// its page tables, its TLB model tagged by ASID and its GIC.
#include <gtest/gtest.h>
#include <cstdlib>
#include "../host_world.h"
#include "arch/host_machine.h"
#include "arch/interrupts.h"
#include "arch/traps.h"
#include "generated/invocations.h"
#include "object/interrupt.h"

namespace {

using L = core::InvocationLabel;
using T = core::ObjectType;
using core::ErrorCode;

constexpr word asid_control = 5, irq_control = 6, pool_untyped = 10, pool = 11;
constexpr word vspace = 20, table_1 = 21, table_2 = 22, table_3 = 23, frame = 30, handler = 40;
constexpr word read_write = 3, read_only = 2;

u8* aligned_memory() {
    static u8* m = static_cast<u8*>(std::aligned_alloc(HostWorld::phys_size, HostWorld::phys_size));
    return m;
}

// A world with ASID and IRQ control, a pool, a VSpace (ASID 1) with its three tables down to 0, a
// frame.
struct Aarch64World : HostWorld {
    Aarch64World() : HostWorld(aligned_memory()) {
        write_original(core::Cap::of_type(core::CapType::AsidControl), root[asid_control]);
        write_original(core::Cap::of_type(core::CapType::IrqControl), root[irq_control]);
        retype(T::Untyped, 12, pool_untyped, 1);
        EXPECT_EQ(call(asid_control, w(L::ARMASIDControlMakePool), {pool, 64}, {pool_untyped, 2}), 0u);
        retype(T::VSpace, 0, vspace, 1);
        retype(T::PageTable, 0, table_1, 3);
        retype(T::SmallPage, 0, frame, 1);
        EXPECT_EQ(call(pool, w(L::ARMASIDPoolAssign), {}, {vspace}), 0u);
        for (word t : {table_1, table_2, table_3}) EXPECT_EQ(call(t, w(L::ARMPageTableMap), {0, 0}, {vspace}), 0u);
    }

    static word w(L label) { return static_cast<word>(label); }
    static word err(ErrorCode e) { return static_cast<word>(e); }
    void retype(T type, word bits, word slot, word count) {
        EXPECT_EQ(call(untyped_slot, w(L::UntypedRetype), {static_cast<word>(type), bits, 0, 0, slot, count}, {2}), 0u);
    }
    word root_phys() const { return arch::ptr_to_phys(root[vspace].cap.ptr()); }
    word frame_phys() const { return arch::ptr_to_phys(root[frame].cap.ptr()); }
    word map_frame(word vaddr, word rights) { return call(frame, w(L::ARMPageMap), {vaddr, rights, 0}, {vspace}); }
    // The VSpace made current (TTBR0 with its ASID), as leaving the kernel for a thread in it.
    void enter_address_space() {
        tcb.slot(core::TcbSlot::VTable).cap = root[vspace].cap;
        host::return_to_user(tcb);
    }
};

// ESR_EL1's data fault status code: a translation fault at level 3, a permission fault at level 3.
constexpr word dfsc_translation_3 = 0x7, dfsc_permission_3 = 0xf;
word dfsc(const host::UserAccess& a) { return a.fault & 0x3f; }

TEST(Aarch64Host, AMappedFrameTranslatesWithItsRights) {
    Aarch64World w;
    EXPECT_EQ(w.map_frame(0x5000, read_only), 0u);
    host::Translation t = host::walk_page_tables(w.root_phys(), 0x5008);
    EXPECT_EQ(t.frame, w.frame_phys());
    EXPECT_FALSE(t.write);
    EXPECT_FALSE(host::walk_page_tables(w.root_phys(), 0x6000).mapped());
    w.enter_address_space();
    EXPECT_TRUE(host::user_access(0x5008, false).ok);
    host::UserAccess store = host::user_access(0x5008, true);
    EXPECT_FALSE(store.ok);
    EXPECT_EQ(dfsc(store), dfsc_permission_3);
    EXPECT_EQ(store.fault >> arch::esr_ec_shift, arch::ec_data_abort_lower);
    EXPECT_NE(store.fault & bit(6), 0u);  // WnR
}

TEST(Aarch64Host, UnmappingAFrameFlushesTheTlb) {
    Aarch64World w;
    ASSERT_EQ(w.map_frame(0x5000, read_write), 0u);
    w.enter_address_space();
    host::UserAccess before = host::user_access(0x5010, true);
    EXPECT_TRUE(before.ok);
    EXPECT_EQ(before.paddr, w.frame_phys() + 0x10);
    EXPECT_EQ(w.call(frame, w.w(L::ARMPageUnmap), {}), 0u);
    host::UserAccess after = host::user_access(0x5010, true);
    EXPECT_FALSE(after.ok);
    EXPECT_EQ(dfsc(after), dfsc_translation_3);
}

// ARMPageMap over a valid entry (the same frame, address and space, new rights) replaces it, and
// the old translation goes from the TLB.
TEST(Aarch64Host, RemappingWithFewerRightsFlushesTheOldTranslation) {
    Aarch64World w;
    ASSERT_EQ(w.map_frame(0x5000, read_write), 0u);
    w.enter_address_space();
    ASSERT_TRUE(host::user_access(0x5000, true).ok);
    EXPECT_EQ(w.map_frame(0x5000, read_only), 0u);
    EXPECT_FALSE(host::user_access(0x5000, true).ok);
    EXPECT_TRUE(host::user_access(0x5000, false).ok);
}

// Deleting the pool, or the VSpace's last cap, takes the VSpace's ASID: the thread that ran on it
// runs on the global user VSpace (ASID 0), and the ASID's translations go (TLBI by ASID), so that
// a new VSpace given the same ASID sees none of them.
void expect_deleting_flushes_the_asid(word slot) {
    constexpr word new_pool_untyped = 52, new_vspace = 53;
    Aarch64World w;
    ASSERT_EQ(w.map_frame(0x5000, read_write), 0u);
    w.enter_address_space();
    ASSERT_TRUE(host::user_access(0x5000, false).ok);
    EXPECT_EQ(w.call(2, w.w(L::CNodeDelete), {slot, 64}), 0u);
    EXPECT_NE(host::thread_root(w.tcb), w.root_phys());
    EXPECT_FALSE(host::user_access(0x5000, false).ok);
    if (slot == pool) {
        w.retype(T::Untyped, 12, new_pool_untyped, 1);
        ASSERT_EQ(w.call(asid_control, w.w(L::ARMASIDControlMakePool), {pool, 64}, {new_pool_untyped, 2}), 0u);
    }
    w.retype(T::VSpace, 0, new_vspace, 1);
    ASSERT_EQ(w.call(pool, w.w(L::ARMASIDPoolAssign), {}, {new_vspace}), 0u);
    ASSERT_EQ(w.root[new_vspace].cap.mapped_asid(), 1u);  // the ASID the old VSpace had
    w.tcb.slot(core::TcbSlot::VTable).cap = w.root[new_vspace].cap;
    host::return_to_user(w.tcb);
    EXPECT_FALSE(host::user_access(0x5000, false).ok);
}

TEST(Aarch64Host, DeletingThePoolFlushesItsAsids) { expect_deleting_flushes_the_asid(pool); }

TEST(Aarch64Host, DeletingTheVSpaceFlushesItsAsid) { expect_deleting_flushes_the_asid(vspace); }

// A copy of a table's cap keeps it from being unmapped; a VSpace without an ASID maps nothing;
// a table where one is already: DeleteFirst.
TEST(Aarch64Host, TableAndRootChecks) {
    Aarch64World w;
    constexpr word copy = 50, unassigned = 51;
    ASSERT_EQ(w.call(2, w.w(L::CNodeCopy), {copy, 64, table_3, 64, 0xf}, {2}), 0u);
    EXPECT_EQ(w.call(table_3, w.w(L::ARMPageTableUnmap), {}), w.err(ErrorCode::RevokeFirst));
    w.retype(T::VSpace, 0, unassigned, 1);
    EXPECT_EQ(w.call(frame, w.w(L::ARMPageMap), {0x5000, read_write, 0}, {unassigned}), w.err(ErrorCode::InvalidCapability));
    EXPECT_EQ(w.call(copy, w.w(L::ARMPageTableMap), {0, 0}, {vspace}),
              w.err(ErrorCode::InvalidCapability));  // the copy is mapped already
    EXPECT_EQ(w.call(2, w.w(L::CNodeDelete), {copy, 64}), 0u);
    EXPECT_EQ(w.call(table_3, w.w(L::ARMPageTableUnmap), {}), 0u);
    EXPECT_FALSE(w.root[table_3].cap.is_mapped());
}

TEST(Aarch64Host, MisalignedMapIsAnAlignmentError) {
    Aarch64World w;
    EXPECT_EQ(w.map_frame(0x5008, read_write), w.err(ErrorCode::AlignmentError));
}

// The cache operations: on the lines of the range through the mapping; not on an unmapped frame;
// Invalidate_Data not on a read-only mapping; a VSpace range within one page.
TEST(Aarch64Host, CacheOperationsCheckTheMappingAndTheRange) {
    Aarch64World w;
    EXPECT_EQ(w.call(frame, w.w(L::ARMPageClean_Data), {0, 0x80}), w.err(ErrorCode::IllegalOperation));
    ASSERT_EQ(w.map_frame(0x5000, read_only), 0u);
    word lines = host::cache_lines_maintained();
    EXPECT_EQ(w.call(frame, w.w(L::ARMPageClean_Data), {0, 0x80}), 0u);
    EXPECT_EQ(host::cache_lines_maintained() - lines, 2u);
    EXPECT_EQ(w.call(frame, w.w(L::ARMPageClean_Data), {0x80, 0x80}), w.err(ErrorCode::InvalidArgument));
    EXPECT_EQ(w.call(frame, w.w(L::ARMPageClean_Data), {0, 0x1001}), w.err(ErrorCode::InvalidArgument));
    EXPECT_EQ(w.call(frame, w.w(L::ARMPageInvalidate_Data), {0, 0x80}), w.err(ErrorCode::IllegalOperation));
    EXPECT_EQ(w.call(vspace, w.w(L::ARMVSpaceClean_Data), {0x5f00, 0x6100}), w.err(ErrorCode::RangeError));
    EXPECT_EQ(w.call(vspace, w.w(L::ARMVSpaceClean_Data), {0x9000, 0x9100}), 0u);  // unmapped: nothing
}

// Cache operations through caps whose ASID went: FailedLookup while no VSpace has the ASID; once
// another VSpace has it, the old VSpace cap is stale (InvalidCapability) and so is the frame's
// mapping record (InvalidCapability: no entry maps the frame there).
TEST(Aarch64Host, CacheOperationsThroughStaleCaps) {
    Aarch64World w;
    constexpr word copy = 50, new_pool_untyped = 52, new_vspace = 53;
    ASSERT_EQ(w.map_frame(0x5000, read_write), 0u);
    ASSERT_EQ(w.call(2, w.w(L::CNodeCopy), {copy, 64, vspace, 64, 0xf}, {2}), 0u);
    ASSERT_EQ(w.call(2, w.w(L::CNodeDelete), {pool, 64}), 0u);
    EXPECT_EQ(w.call(copy, w.w(L::ARMVSpaceClean_Data), {0x5000, 0x5040}), w.err(ErrorCode::FailedLookup));
    EXPECT_EQ(w.call(frame, w.w(L::ARMPageClean_Data), {0, 0x40}), w.err(ErrorCode::FailedLookup));
    w.retype(T::Untyped, 12, new_pool_untyped, 1);
    ASSERT_EQ(w.call(asid_control, w.w(L::ARMASIDControlMakePool), {pool, 64}, {new_pool_untyped, 2}), 0u);
    w.retype(T::VSpace, 0, new_vspace, 1);
    ASSERT_EQ(w.call(pool, w.w(L::ARMASIDPoolAssign), {}, {new_vspace}), 0u);
    EXPECT_EQ(w.call(copy, w.w(L::ARMVSpaceClean_Data), {0x5000, 0x5040}), w.err(ErrorCode::InvalidCapability));
    EXPECT_EQ(w.call(frame, w.w(L::ARMPageClean_Data), {0, 0x40}), w.err(ErrorCode::InvalidCapability));
    EXPECT_EQ(w.call(new_vspace, w.w(L::ARMVSpaceClean_Data), {0x5000, 0x5040}), 0u);  // nothing mapped there
}

// seL4 on Arm masks a signalled IRQ until its handler's Ack.
TEST(Aarch64Host, AHandledInterruptIsMaskedUntilItsAck) {
    Aarch64World w;
    constexpr word irq = 33;  // QEMU virt's PL011
    ASSERT_EQ(w.call(irq_control, w.w(L::ARMIRQIssueIRQHandlerTrigger), {irq, 1, handler, 64}, {2}), 0u);
    EXPECT_TRUE(host::gic_enabled(irq));
    ASSERT_TRUE(host::raise_gic_interrupt(irq));
    core::handle_interrupt(irq);
    EXPECT_FALSE(host::gic_enabled(irq));
    EXPECT_FALSE(host::raise_gic_interrupt(irq));
    EXPECT_EQ(w.call(handler, w.w(L::IRQAckIRQ), {}), 0u);
    EXPECT_TRUE(host::gic_enabled(irq));
    EXPECT_EQ(w.call(2, w.w(L::CNodeDelete), {handler, 64}), 0u);
    EXPECT_FALSE(host::gic_enabled(irq));
}

TEST(Aarch64Host, AnIrqBeyondMaxIrqIsARangeError) {
    Aarch64World w;
    EXPECT_EQ(w.call(irq_control, w.w(L::ARMIRQIssueIRQHandlerTrigger), {arch::max_irq + 1, 0, handler, 64}, {2}),
              w.err(ErrorCode::RangeError));
    EXPECT_EQ(w.mr(0), 0u);
    EXPECT_EQ(w.mr(1), arch::max_irq);
}

}  // namespace
